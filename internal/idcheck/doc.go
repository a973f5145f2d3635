// Package idcheck validates and normalises the identifiers a school roster
// carries: 18-digit identity numbers (GB 11643-1999) and the residence
// permits that share their layout, unified social credit codes
// (GB 32100-2015) and mainland phone numbers. It also masks them for lists
// and generates valid synthetic values for demo data.
//
// Every error message is a complete Chinese sentence, because roster import
// shows them to school staff unchanged.
package idcheck
