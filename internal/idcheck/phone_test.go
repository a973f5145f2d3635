package idcheck

import (
	"strings"
	"testing"
)

func TestPhone(t *testing.T) {
	tests := []struct{ in, want, errHas string }{
		{in: "13812345678", want: "13812345678"},
		// Found by fuzzing: these read past the end of the number.
		{in: "0", errHas: "位数不够"},
		{in: "+", errHas: "电话号码"},
		{in: "+8", errHas: "位数不够"},
		{in: "1", errHas: "位数不够"},
		{in: "+86 138 1234 5678", want: "13812345678"},
		{in: "8613812345678", want: "13812345678"},
		{in: "008613812345678", want: "13812345678"},
		{in: "138-1234-5678", want: "13812345678"},
		{in: "１３８１２３４５６７８", want: "13812345678"},
		{in: "19912345678", want: "19912345678"},
		{in: "023-12345678", want: "023-12345678"},
		{in: "02312345678", want: "023-12345678"},
		{in: "010-6512345", want: "010-6512345"},
		{in: "(0831)2345678", want: "0831-2345678"},
		{in: "08312345678", want: "0831-2345678"},
		{in: "0831-2345678", want: "0831-2345678"},
		{in: "1381234567", errHas: "手机号应为11位，实为10位"},
		{in: "12812345678", errHas: "第二位应为3–9"},
		{in: "138a2345678", errHas: "数字以外"},
		{in: "23-12345678", errHas: "手机号应以1开头"},
		{in: "023-123456", errHas: "7–8位"},
		{in: "02301234567", errHas: "7–8位"},
		{in: "", errHas: "不能为空"},
	}
	for _, tc := range tests {
		got, err := Phone(tc.in)
		if tc.errHas != "" {
			if err == nil || !strings.Contains(err.Error(), tc.errHas) {
				t.Errorf("Phone(%q) = %q, err = %v, want containing %q", tc.in, got, err, tc.errHas)
			}
			continue
		}
		if err != nil || got != tc.want {
			t.Errorf("Phone(%q) = %q, %v; want %q", tc.in, got, err, tc.want)
		}
	}
}
