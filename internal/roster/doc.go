// Package roster reads and writes the spreadsheets schools exchange:
// student, teacher and class rosters as .xlsx or CSV.
//
// It is pure: it parses, validates and writes files and never touches the
// database. The caller supplies Lookups (names → ids) from storage and
// decides what to do with the Result; an import is meant to be
// all-or-nothing, so a caller stores Rows only when Errors is empty.
//
// Reading is defensive because the files come from anyone: the size, row
// count and unzipped size are capped (Limits), zip bombs are refused before
// excelize opens them, and every problem is reported in Chinese with the
// row and column the user sees in Excel.
package roster
