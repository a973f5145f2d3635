package portrait

import (
	"encoding/json"
	"strings"
	"testing"
)

func TestChartsAreJSONWithTheTableNumbers(t *testing.T) {
	dims := []Score{{"德", 88, 86}, {"智", 81.5, 80}, {"职业技能", 92.5, 86.2}}
	for name, c := range map[string]Chart{
		"radar": Radar("综合素质雷达图", dims),
		"bars":  Bars("各维度平均分", []string{"德", "智"}, []float64{85, 80}),
		"ring":  Ring("等级分布", []string{"优秀", "良好"}, []float64{12, 30}),
	} {
		b, err := json.Marshal(c)
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		s := string(b)
		if strings.Contains(s, "NaN") || !strings.Contains(s, `"series"`) || !strings.Contains(s, `"animation":false`) {
			t.Errorf("%s: %s", name, s)
		}
	}
	b, _ := json.Marshal(Radar("x", dims))
	if !strings.Contains(string(b), `"value":[88,81.5,92.5]`) || !strings.Contains(string(b), `"name":"职业技能"`) {
		t.Fatalf("radar values: %s", b)
	}
}
