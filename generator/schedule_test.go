package generator

import (
	"strings"
	"testing"
)

func TestValidateSchedule(t *testing.T) {
	tests := []struct{ spec, wantErr string }{
		{"0 2 * * *", ""},
		{"*/15 * * * 1-5", ""},
		{"@daily", ""},
		{"@hourly", ""},
		{"@every 1h", "unknown descriptor"},
		{"0 2 * *", "it has 4 fields, want 5"},
		{"0 0 2 * * *", "it has 6 fields"},
		{"60 2 * * *", `minute field "60"`},
		{"0 25 * * *", `hour field "25"`},
		{"0 2 32 * *", `day-of-month field "32"`},
		{"0 2 * 13 *", `month field "13"`},
		{"0 2 * * 8", `day-of-week field "8"`},
		{"0 2 * * mon-fri", ""},
		{"x 2 * * *", `minute field "x"`},
		{"TZ=UTC 0 2 * *", "minute field"},
	}
	for _, tt := range tests {
		t.Run(tt.spec, func(t *testing.T) {
			err := ValidateSchedule(tt.spec)
			if tt.wantErr == "" {
				if err != nil {
					t.Fatalf("ValidateSchedule(%q) = %v, want nil", tt.spec, err)
				}
				return
			}
			if err == nil || !strings.Contains(err.Error(), tt.wantErr) {
				t.Fatalf("ValidateSchedule(%q) = %v, want an error containing %q", tt.spec, err, tt.wantErr)
			}
		})
	}
}
