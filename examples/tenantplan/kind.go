package main

import (
	"bytes"
	"encoding/json"
	"reflect"
	"strings"

	"github.com/tenantplan/tenantplan/plan/model"
)

// Kinds of input file, as messages name them.
const (
	kindModel    = "model"
	kindScenario = "scenario file"
	kindPolicy   = "rollout policy"
	kindPlan     = "deploy plan"
	kindMatrix   = "matrix"
	// kindCells is what diff of two files wants: a deploy plan or a matrix.
	kindCells = "plan or matrix file"
)

// tellingKeys are the top-level keys that give a file's kind away, in the order they are tried
// (a matrix has "environments" like a model, so "rows" comes first).
var tellingKeys = []struct{ key, kind string }{
	{"checks", kindScenario},
	{"deploy", kindPlan},
	{"rows", kindMatrix},
	{"rings", kindPolicy},
}

// modelKeys are the top-level keys of a model file: the JSON names of model.File's fields.
var modelKeys = func() []string {
	var out []string
	t := reflect.TypeFor[model.File]()
	for i := range t.NumField() {
		if name, _, _ := strings.Cut(t.Field(i).Tag.Get("json"), ","); name != "" && name != "-" {
			out = append(out, name)
		}
	}
	return out
}()

// fileKind guesses the kind of a JSON document from its top-level keys, and returns the key that
// gave it away; "" when data is not a JSON object or has none of the telling keys.
func fileKind(data []byte) (kind, key string) {
	var keys map[string]json.RawMessage
	if json.Unmarshal(data, &keys) != nil {
		return "", ""
	}
	for _, k := range tellingKeys {
		if _, ok := keys[k.key]; ok {
			return k.kind, k.key
		}
	}
	for _, k := range modelKeys {
		if _, ok := keys[k]; ok {
			return kindModel, k
		}
	}
	return "", ""
}

// kindHints say what to do with a file of one kind given where another was wanted.
var kindHints = map[[2]string]string{
	{kindModel, kindScenario}: "; check runs scenario files, validate checks a model",
	{kindModel, kindCells}:    "; to compare two models, give --project and --release",
	{kindModel, kindPolicy}:   "; rollout takes the model first, then the policy",
	{kindPolicy, kindModel}:   "; rollout takes the model first, then the policy",
	{kindScenario, kindModel}: "; run it with \"tenantplan check\"",
}

// wrongKind returns an input error naming path when data, a well-formed JSON document that did
// not decode as a want, is not a JSON object or looks like another kind of file; nil when it may
// be a want with mistakes.
func wrongKind(path string, data []byte, want string) error {
	if t := bytes.TrimLeft(data, " \t\r\n"); len(t) > 0 && t[0] != '{' {
		return inputErr("%s: not a %s: the file is not a JSON object", path, want)
	}
	kind, key := fileKind(data)
	if kind == "" || kind == want {
		return nil
	}
	hint := kindHints[[2]string{kind, want}]
	return inputErr("%s: not a %s: it looks like a %s (it has %q)%s", path, want, kind, key, hint)
}
