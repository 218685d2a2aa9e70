package lifecycle_test

import (
	"errors"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/stretchr/testify/require"

	"github.com/tenantplan/tenantplan/lifecycle"
)

// phaseView is a comparable picture of a resolved phase.
type phaseView struct {
	Name      string
	Envs      []int
	Automatic []int
	Minimum   int
	Optional  bool
	Priority  bool
}

func view(l *lifecycle.Lifecycle) []phaseView {
	var out []phaseView
	for _, p := range l.Phases() {
		v := phaseView{Name: p.Name(), Envs: p.Environments(), Minimum: p.Minimum(), Optional: p.Optional(), Priority: p.Priority()}
		for _, e := range p.Environments() {
			if p.IsAutomatic(e) {
				v.Automatic = append(v.Automatic, e)
			}
		}
		out = append(out, v)
	}
	return out
}

func TestNew_Shapes(t *testing.T) {
	envs := []string{"Dev", "Test", "UAT", "Staging", "Prod"}
	tests := []struct {
		name   string
		phases []lifecycle.PhaseSpec
		want   []phaseView
		order  []int
	}{
		{
			name: "no phases: one manual required phase per environment",
			want: []phaseView{
				{Name: "Dev", Envs: []int{0}}, {Name: "Test", Envs: []int{1}}, {Name: "UAT", Envs: []int{2}},
				{Name: "Staging", Envs: []int{3}}, {Name: "Prod", Envs: []int{4}},
			},
			order: []int{0, 1, 2, 3, 4},
		},
		{
			name: "a phase without environments takes every environment no other phase lists",
			phases: []lifecycle.PhaseSpec{
				{Name: "First", Manual: []string{"Dev"}},
				{Name: "Middle"},
				{Name: "Last", Manual: []string{"Prod"}},
			},
			want: []phaseView{
				{Name: "First", Envs: []int{0}}, {Name: "Middle", Envs: []int{1, 2, 3}}, {Name: "Last", Envs: []int{4}},
			},
			order: []int{0, 1, 2, 3, 4},
		},
		{
			name: "model order inside a phase, phase order across phases",
			phases: []lifecycle.PhaseSpec{
				{Name: "A", Manual: []string{"Prod"}, Automatic: []string{"Test"}, Minimum: 1, Priority: true},
				{Name: "B", Automatic: []string{"Dev"}, Optional: true},
			},
			want: []phaseView{
				{Name: "A", Envs: []int{1, 4}, Automatic: []int{1}, Minimum: 1, Priority: true},
				{Name: "B", Envs: []int{0}, Automatic: []int{0}, Optional: true},
			},
			order: []int{1, 4, 0},
		},
		{
			name: "an environment listed twice in one phase counts once; automatic wins",
			phases: []lifecycle.PhaseSpec{
				{Name: "A", Manual: []string{"Dev", "Dev"}, Automatic: []string{"Dev"}, Minimum: 1},
			},
			want:  []phaseView{{Name: "A", Envs: []int{0}, Automatic: []int{0}, Minimum: 1}},
			order: []int{0},
		},
		{
			name: "a catch-all phase with nothing left is empty, and complete",
			phases: []lifecycle.PhaseSpec{
				{Name: "All", Manual: envs},
				{Name: "Rest"},
			},
			want:  []phaseView{{Name: "All", Envs: []int{0, 1, 2, 3, 4}}, {Name: "Rest"}},
			order: []int{0, 1, 2, 3, 4},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			l, err := lifecycle.New("L", envs, tt.phases)
			require.NoError(t, err)
			require.Equal(t, "L", l.Name())
			require.Empty(t, cmp.Diff(tt.want, view(l)))
			require.Equal(t, tt.order, l.Order())
			require.Equal(t, lifecycle.EnvSetOf(tt.order...), l.Environments())
			require.Equal(t, len(tt.want), l.NumPhases())
			for k, p := range l.Phases() {
				require.Equal(t, p, l.Phase(k))
				for _, e := range p.Environments() {
					got, ok := l.PhaseOf(e)
					require.True(t, ok)
					require.Equal(t, k, got)
				}
			}
		})
	}
}

func TestNew_CopiesItsInput(t *testing.T) {
	envs := []string{"Dev", "Prod"}
	manual := []string{"Dev"}
	l, err := lifecycle.New("L", envs, []lifecycle.PhaseSpec{{Name: "A", Manual: manual}, {Name: "B", Manual: []string{"Prod"}}})
	require.NoError(t, err)
	manual[0], envs[0] = "Prod", "X"
	require.Equal(t, []int{0}, l.Phase(0).Environments())
	order := l.Order()
	order[0] = 9
	require.Equal(t, []int{0, 1}, l.Order())
	phases := l.Phases()
	phases[0] = lifecycle.Phase{}
	require.Equal(t, "A", l.Phases()[0].Name())
}

func TestLifecycle_PhaseOfOutside(t *testing.T) {
	l, err := lifecycle.New("L", []string{"Dev", "Test", "Prod"}, []lifecycle.PhaseSpec{{Name: "A", Manual: []string{"Test"}}})
	require.NoError(t, err)
	for _, e := range []int{-1, 0, 2, 3, 1000} {
		k, ok := l.PhaseOf(e)
		require.False(t, ok, e)
		require.Equal(t, -1, k)
	}
	require.Equal(t, lifecycle.Phase{}, l.Phase(5))
	require.Equal(t, lifecycle.Phase{}, l.Phase(-1))
}

func TestNew_Validation(t *testing.T) {
	envs := []string{"Dev", "Test", "Prod"}
	type problem struct {
		Phase       int
		Environment string
		Err         error
	}
	tests := []struct {
		name   string
		envs   []string
		phases []lifecycle.PhaseSpec
		want   []problem
	}{
		{
			name:   "environment in two phases",
			envs:   envs,
			phases: []lifecycle.PhaseSpec{{Name: "A", Manual: []string{"Dev", "Test"}}, {Name: "B", Manual: []string{"Test", "Prod"}}},
			want:   []problem{{1, "Test", lifecycle.ErrEnvironmentInTwoPhases}},
		},
		{
			name:   "minimum too large",
			envs:   envs,
			phases: []lifecycle.PhaseSpec{{Name: "A", Manual: []string{"Dev"}, Minimum: 2}},
			want:   []problem{{0, "", lifecycle.ErrMinimumTooLarge}},
		},
		{
			name:   "negative minimum",
			envs:   envs,
			phases: []lifecycle.PhaseSpec{{Name: "A", Manual: []string{"Dev"}, Minimum: -1}},
			want:   []problem{{0, "", lifecycle.ErrInvalidValue}},
		},
		{
			name:   "unknown environment",
			envs:   envs,
			phases: []lifecycle.PhaseSpec{{Name: "A", Manual: []string{"Qa"}}},
			want:   []problem{{0, "Qa", lifecycle.ErrUnknownEnvironment}},
		},
		{
			name: "names compare exactly",
			envs: envs,
			phases: []lifecycle.PhaseSpec{
				{Name: "A", Automatic: []string{"dev"}},
				{Name: "B", Manual: []string{"Dev"}},
			},
			want: []problem{{0, "dev", lifecycle.ErrUnknownEnvironment}},
		},
		{
			name:   "no phases and no environments",
			envs:   nil,
			phases: nil,
			want:   []problem{{-1, "", lifecycle.ErrNoEnvironments}},
		},
		{
			name:   "catch-all phase and no environments",
			envs:   nil,
			phases: []lifecycle.PhaseSpec{{Name: "Any"}},
			want:   []problem{{-1, "", lifecycle.ErrNoEnvironments}},
		},
		{
			name: "two catch-all phases with environments left",
			envs: envs,
			phases: []lifecycle.PhaseSpec{
				{Name: "A"}, {Name: "B", Manual: []string{"Dev"}}, {Name: "C"},
			},
			want: []problem{{2, "Test", lifecycle.ErrEnvironmentInTwoPhases}, {2, "Prod", lifecycle.ErrEnvironmentInTwoPhases}},
		},
		{
			name: "every problem at once, ordered by phase",
			envs: envs,
			phases: []lifecycle.PhaseSpec{
				{Name: "A", Manual: []string{"Dev", "Ghost"}, Minimum: 3},
				{Name: "B", Automatic: []string{"Dev"}, Manual: []string{"Nope"}},
			},
			want: []problem{
				{0, "Ghost", lifecycle.ErrUnknownEnvironment},
				{0, "", lifecycle.ErrMinimumTooLarge},
				{1, "Dev", lifecycle.ErrEnvironmentInTwoPhases},
				{1, "Nope", lifecycle.ErrUnknownEnvironment},
			},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			l, err := lifecycle.New("Broken", tt.envs, tt.phases)
			require.Nil(t, l)
			require.Error(t, err)
			joined, ok := err.(interface{ Unwrap() []error })
			require.True(t, ok, "errors.Join of *ValidationError")
			var got []problem
			for _, e := range joined.Unwrap() {
				var ve *lifecycle.ValidationError
				require.ErrorAs(t, e, &ve)
				require.Equal(t, "Broken", ve.Lifecycle)
				require.Contains(t, ve.Error(), `lifecycle "Broken"`)
				require.ErrorIs(t, e, ve.Err)
				got = append(got, problem{ve.Phase, ve.Environment, ve.Err})
			}
			require.Empty(t, cmp.Diff(tt.want, got, cmp.Comparer(func(a, b error) bool { return a == b })))
		})
	}
}

func TestNew_NoEnvironmentsIsInvalidValue(t *testing.T) {
	_, err := lifecycle.New("Empty", nil, nil)
	require.ErrorIs(t, err, lifecycle.ErrNoEnvironments)
	require.ErrorIs(t, err, lifecycle.ErrInvalidValue)
}

func TestValidationError_Message(t *testing.T) {
	_, err := lifecycle.New("L", []string{"Dev", "Test"}, []lifecycle.PhaseSpec{
		{Name: "A", Manual: []string{"Dev", "Test"}}, {Name: "B", Manual: []string{"Test"}},
	})
	require.EqualError(t, err, `lifecycle "L" phase 1: environment "Test": environment in two phases: already in phase 0 ("A") [environment-in-two-phases]`)
	require.True(t, errors.Is(err, lifecycle.ErrEnvironmentInTwoPhases))
}

func TestNew_ManyEnvironments(t *testing.T) {
	envs := make([]string, 130)
	for i := range envs {
		envs[i] = "E" + string(rune('A'+i/26)) + string(rune('a'+i%26))
	}
	l, err := lifecycle.New("Big", envs, []lifecycle.PhaseSpec{{Name: "Low", Manual: envs[:64]}, {Name: "High"}})
	require.NoError(t, err)
	require.Equal(t, 130, l.Environments().Len())
	k, ok := l.PhaseOf(129)
	require.True(t, ok)
	require.Equal(t, 1, k)
	require.Len(t, l.Phase(1).Environments(), 66)

	_, err = lifecycle.New("Huge", make([]string, lifecycle.MaxEnvironments+1), nil)
	require.ErrorIs(t, err, lifecycle.ErrInvalidValue)
}
