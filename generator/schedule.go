package generator

import (
	"fmt"
	"slices"
	"strings"

	"github.com/robfig/cron/v3"
)

// cronMacros are the descriptors a Kubernetes CronJob accepts.
var cronMacros = []string{"@yearly", "@annually", "@monthly", "@weekly", "@daily", "@midnight", "@hourly"}

// cronFields name the five fields of a cron expression, in order.
var cronFields = []string{"minute", "hour", "day-of-month", "month", "day-of-week"}

// DefaultSchedule is the schedule of a job added without --schedule.
const DefaultSchedule = "@daily"

// ValidateSchedule checks a job schedule the way Kubernetes reads it: five
// fields (minute hour day-of-month month day-of-week) or a descriptor such
// as @daily. An error names the field that is wrong.
func ValidateSchedule(spec string) error {
	const accepted = `use five fields "minute hour day-of-month month day-of-week", such as "0 2 * * *", or one of ` + "@yearly, @annually, @monthly, @weekly, @daily, @midnight, @hourly"
	if strings.HasPrefix(spec, "@") {
		if !slices.Contains(cronMacros, spec) {
			return fmt.Errorf("invalid schedule %q: unknown descriptor; %s", spec, accepted)
		}
		return nil
	}
	fields := strings.Fields(spec)
	if len(fields) != len(cronFields) {
		return fmt.Errorf("invalid schedule %q: it has %d fields, want 5; %s", spec, len(fields), accepted)
	}
	for i, f := range fields {
		probe := slices.Repeat([]string{"*"}, len(cronFields))
		probe[i] = f
		if _, err := cron.ParseStandard(strings.Join(probe, " ")); err != nil {
			return fmt.Errorf("invalid schedule %q: %s field %q: %v; %s", spec, cronFields[i], f, err, accepted)
		}
	}
	return nil
}
