// Package portrait computes the school's 数据画像 — KPIs with their
// definitions — from plain records, never from typed-in figures. It is
// pure: plain values in, plain values out (no SQL, no HTTP), so every KPI
// is tested with hand-built records and known answers.
//
// A rate is a Ratio of two counts. A rate with nothing to divide by is
// 无数据, never 0% and never NaN: a school that ran no certificate exams
// this term has no pass rate, not a pass rate of zero.
package portrait
