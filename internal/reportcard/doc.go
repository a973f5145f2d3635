// Package reportcard fills the printed report cards of internal/report
// from storage: the card of one student and term, the graduation archive,
// their verification codes, the public verification, batch exports as
// ZIP files and the class results workbook. internal/report stays pure
// (structs in, PDF out); everything that reads the database is here.
package reportcard
