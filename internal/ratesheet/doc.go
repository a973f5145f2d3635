// Package ratesheet is rating entry outside the one-student form: the
// values a cell may hold (shared by the teachers' grid and the offline
// workbook) and the offline .xlsx itself — a prefilled workbook of one
// rater's assignments in a cycle, and the parser that turns the filled
// file back into ratings with row-level Chinese errors.
//
// The package is pure: it takes the framework, the rater's assigned
// students and their current ratings as plain values and returns ratings;
// storage.SubmitRatings is still the one place that writes them, and
// checks them again.
package ratesheet
