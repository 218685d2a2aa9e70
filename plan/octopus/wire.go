package octopus

import (
	"bytes"
	"encoding/json"
	"strconv"
)

// The types below are the parts of Octopus's REST resources that the import reads. Fields the
// import does not need are not declared, so encoding/json skips them (Links, audit fields, ...).

type wTenant struct {
	ID                  string              `json:"Id"`
	SpaceID             string              `json:"SpaceId"`
	Name                string              `json:"Name"`
	Description         string              `json:"Description"`
	IsDisabled          bool                `json:"IsDisabled"`
	TenantTags          []string            `json:"TenantTags"`
	ProjectEnvironments map[string][]string `json:"ProjectEnvironments"`
}

type wTagSet struct {
	ID        string   `json:"Id"`
	SpaceID   string   `json:"SpaceId"`
	Name      string   `json:"Name"`
	Type      string   `json:"Type"`
	SortOrder int      `json:"SortOrder"`
	Scopes    []string `json:"Scopes"`
	Tags      []wTag   `json:"Tags"`
}

type wTag struct {
	ID        string `json:"Id"`
	Name      string `json:"Name"`
	SortOrder int    `json:"SortOrder"`
}

type wEnvironment struct {
	ID        string `json:"Id"`
	SpaceID   string `json:"SpaceId"`
	Name      string `json:"Name"`
	SortOrder int    `json:"SortOrder"`
}

type wLifecycle struct {
	ID      string   `json:"Id"`
	SpaceID string   `json:"SpaceId"`
	Name    string   `json:"Name"`
	Phases  []wPhase `json:"Phases"`
}

type wPhase struct {
	Name                               string   `json:"Name"`
	AutomaticDeploymentTargets         []string `json:"AutomaticDeploymentTargets"`
	OptionalDeploymentTargets          []string `json:"OptionalDeploymentTargets"`
	MinimumEnvironmentsBeforePromotion int      `json:"MinimumEnvironmentsBeforePromotion"`
	IsOptionalPhase                    bool     `json:"IsOptionalPhase"`
	IsPriorityPhase                    bool     `json:"IsPriorityPhase"`
}

type wProject struct {
	ID                            string      `json:"Id"`
	SpaceID                       string      `json:"SpaceId"`
	Name                          string      `json:"Name"`
	LifecycleID                   string      `json:"LifecycleId"`
	TenantedDeploymentMode        string      `json:"TenantedDeploymentMode"`
	IsDisabled                    bool        `json:"IsDisabled"`
	DiscreteChannelRelease        bool        `json:"DiscreteChannelRelease"`
	ProjectGroupID                string      `json:"ProjectGroupId"`
	Templates                     []wTemplate `json:"Templates"`
	IncludedLibraryVariableSetIDs []string    `json:"IncludedLibraryVariableSetIds"`
}

type wTemplate struct {
	ID              string            `json:"Id"`
	Name            string            `json:"Name"`
	Label           string            `json:"Label"`
	DefaultValue    wValue            `json:"DefaultValue"`
	DisplaySettings map[string]string `json:"DisplaySettings"`
}

// wValue is a variable value on the wire: a string, null, or for a sensitive value an object
// {"HasValue": bool, "Hint": ..., "NewValue": null} that never carries the value itself.
type wValue struct {
	set       bool // a string, or a sensitive object with HasValue
	sensitive bool // given as a sensitive object
	str       string
}

func (v *wValue) UnmarshalJSON(b []byte) error {
	*v = wValue{}
	b = bytes.TrimSpace(b)
	switch {
	case bytes.Equal(b, []byte("null")):
		return nil
	case len(b) > 0 && b[0] == '{':
		var o struct {
			HasValue bool `json:"HasValue"`
		}
		if err := json.Unmarshal(b, &o); err != nil {
			return err
		}
		v.sensitive, v.set = true, o.HasValue
		return nil
	}
	if err := json.Unmarshal(b, &v.str); err != nil {
		return err
	}
	v.set = true
	return nil
}

type wChannel struct {
	ID          string            `json:"Id"`
	SpaceID     string            `json:"SpaceId"`
	Name        string            `json:"Name"`
	ProjectID   string            `json:"ProjectId"`
	LifecycleID string            `json:"LifecycleId"`
	IsDefault   bool              `json:"IsDefault"`
	TenantTags  []string          `json:"TenantTags"`
	Rules       []json.RawMessage `json:"Rules"`
}

type wRelease struct {
	ID        string `json:"Id"`
	SpaceID   string `json:"SpaceId"`
	Version   string `json:"Version"`
	ProjectID string `json:"ProjectId"`
	ChannelID string `json:"ChannelId"`
}

type wDeployment struct {
	ID            string `json:"Id"`
	SpaceID       string `json:"SpaceId"`
	ReleaseID     string `json:"ReleaseId"`
	ProjectID     string `json:"ProjectId"`
	EnvironmentID string `json:"EnvironmentId"`
	TenantID      string `json:"TenantId"`
	TaskID        string `json:"TaskId"`
	Created       string `json:"Created"`
}

type wTask struct {
	ID            string `json:"Id"`
	State         string `json:"State"`
	StartTime     string `json:"StartTime"`
	CompletedTime string `json:"CompletedTime"`
}

type wMachine struct {
	ID                              string   `json:"Id"`
	SpaceID                         string   `json:"SpaceId"`
	Name                            string   `json:"Name"`
	EnvironmentIDs                  []string `json:"EnvironmentIds"`
	Roles                           []string `json:"Roles"`
	TenantedDeploymentParticipation string   `json:"TenantedDeploymentParticipation"`
	TenantIDs                       []string `json:"TenantIds"`
	TenantTags                      []string `json:"TenantTags"`
	IsDisabled                      bool     `json:"IsDisabled"`
	HealthStatus                    string   `json:"HealthStatus"`
}

type wFreeze struct {
	ID                            string              `json:"Id"`
	SpaceID                       string              `json:"SpaceId"`
	Name                          string              `json:"Name"`
	Start                         string              `json:"Start"`
	End                           string              `json:"End"`
	ProjectEnvironmentScope       map[string][]string `json:"ProjectEnvironmentScope"`
	TenantProjectEnvironmentScope []wFreezeCell       `json:"TenantProjectEnvironmentScope"`
	RecurringSchedule             *wSchedule          `json:"RecurringSchedule"`
}

type wFreezeCell struct {
	TenantID      string `json:"TenantId"`
	ProjectID     string `json:"ProjectId"`
	EnvironmentID string `json:"EnvironmentId"`
}

type wSchedule struct {
	Type                   string   `json:"Type"`
	Unit                   flexInt  `json:"Unit"`
	UserUtcOffsetInMinutes flexInt  `json:"UserUtcOffsetInMinutes"`
	EndType                string   `json:"EndType"`
	EndOnDate              string   `json:"EndOnDate"`
	EndAfterOccurrences    flexInt  `json:"EndAfterOccurrences"`
	DaysOfWeek             []string `json:"DaysOfWeek"`
	MonthlyScheduleType    string   `json:"MonthlyScheduleType"`
	DateOfMonth            flexInt  `json:"DateOfMonth"`
	DayNumberOfMonth       string   `json:"DayNumberOfMonth"`
	DayOfWeek              string   `json:"DayOfWeek"`
}

// flexInt reads a JSON number or a string holding one (Octopus sends some numbers as strings),
// or null (0).
type flexInt int

func (n *flexInt) UnmarshalJSON(b []byte) error {
	b = bytes.TrimSpace(b)
	if bytes.Equal(b, []byte("null")) {
		*n = 0
		return nil
	}
	if len(b) > 0 && b[0] == '"' {
		var s string
		if err := json.Unmarshal(b, &s); err != nil {
			return err
		}
		if s == "" {
			*n = 0
			return nil
		}
		b = []byte(s)
	}
	i, err := strconv.Atoi(string(b))
	if err != nil {
		return &json.UnmarshalTypeError{Value: "string " + strconv.Quote(string(b)), Type: flexIntType}
	}
	*n = flexInt(i)
	return nil
}

type wLegacyVariables struct {
	TenantID         string                      `json:"TenantId"`
	SpaceID          string                      `json:"SpaceId"`
	LibraryVariables map[string]wLegacyLibrary   `json:"LibraryVariables"`
	ProjectVariables map[string]wLegacyProjectVs `json:"ProjectVariables"`
}

type wLegacyLibrary struct {
	Variables map[string]wValue `json:"Variables"`
}

type wLegacyProjectVs struct {
	Variables map[string]map[string]wValue `json:"Variables"`
}

// wTenantVariables is one response of the newer per-tenant endpoints: projectvariables
// (ProjectVariables) or commonvariables (Variables, or CommonVariables).
type wTenantVariables struct {
	TenantID         string         `json:"TenantId"`
	ProjectVariables []wVariableRow `json:"ProjectVariables"`
	Variables        []wVariableRow `json:"Variables"`
	CommonVariables  []wVariableRow `json:"CommonVariables"`
}

type wVariableRow struct {
	ProjectID            string `json:"ProjectId"`
	LibraryVariableSetID string `json:"LibraryVariableSetId"`
	TemplateID           string `json:"TemplateId"`
	Value                wValue `json:"Value"`
	Scope                struct {
		EnvironmentIDs []string `json:"EnvironmentIds"`
	} `json:"Scope"`
}

type wLibrary struct {
	ID          string      `json:"Id"`
	SpaceID     string      `json:"SpaceId"`
	Name        string      `json:"Name"`
	ContentType string      `json:"ContentType"`
	Templates   []wTemplate `json:"Templates"`
}

type wTeam struct {
	ID      string `json:"Id"`
	SpaceID string `json:"SpaceId"`
	Name    string `json:"Name"`
}

type wScopedRole struct {
	ID              string   `json:"Id"`
	SpaceID         string   `json:"SpaceId"`
	TeamID          string   `json:"TeamId"`
	UserRoleID      string   `json:"UserRoleId"`
	ProjectIDs      []string `json:"ProjectIds"`
	ProjectGroupIDs []string `json:"ProjectGroupIds"`
	EnvironmentIDs  []string `json:"EnvironmentIds"`
	TenantIDs       []string `json:"TenantIds"`
}

type wUserRole struct {
	ID                      string   `json:"Id"`
	Name                    string   `json:"Name"`
	GrantedSpacePermissions []string `json:"GrantedSpacePermissions"`
}

type wDefect struct {
	Description string `json:"Description"`
	Status      string `json:"Status"`
}
