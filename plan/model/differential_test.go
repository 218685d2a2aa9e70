package model_test

import (
	"bytes"
	"encoding/json"
	"errors"
	"io"
	"regexp"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/tenantplan/tenantplan/plan/model"
	"github.com/tenantplan/tenantplan/plan/plantest"
)

// plainDecode is the reference: encoding/json with unknown fields disallowed.
func plainDecode(data []byte) (*model.File, error) {
	var f model.File
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&f); err != nil {
		return nil, err
	}
	if _, err := dec.Token(); err != io.EOF {
		return nil, &json.SyntaxError{}
	}
	return &f, nil
}

var indexOrQuotedKey = regexp.MustCompile(`\[[^\]]*\]`)

// fieldPath turns a path of the decoder into the form of encoding/json's UnmarshalTypeError.Field:
// struct keys only, joined by dots.
func fieldPath(p string) string {
	return strings.ReplaceAll(indexOrQuotedKey.ReplaceAllString(p, ""), "..", ".")
}

// stricter reports whether e is a problem that encoding/json does not see: a key in another
// letter case, a duplicate key, invalid UTF-8, a number out of 32 bits, deep nesting, a limit, a
// document that is null.
func stricter(e *model.Error) bool {
	return errors.Is(e, model.ErrUnknownField) || errors.Is(e, model.ErrDuplicateKey) ||
		errors.Is(e, model.ErrInvalidUTF8) || errors.Is(e, model.ErrLimit) ||
		strings.HasPrefix(e.Message, "expected a whole number, got \"") || strings.Contains(e.Message, "nested deeper") ||
		e.Message == "the document must be an object, not null"
}

// FuzzDecodeDifferential checks the decoder against encoding/json: on every document both accept,
// they give the same File; when encoding/json rejects a document, the decoder reports its problem
// too; when only the decoder rejects one, each of its problems is one encoding/json does not see.
func FuzzDecodeDifferential(f *testing.F) {
	valid, err := json.Marshal(plantest.Synthetic(plantest.SyntheticOptions{Tenants: 3, Projects: 2, Seed: 1}))
	if err != nil {
		f.Fatal(err)
	}
	f.Add(valid)
	f.Add([]byte(`{"environments":["Dev"],"tenants":[{"name":"A","tags":["T/x"],"projects":{"P":["Dev"]}}]}`))
	f.Add([]byte(`{"tenants":[{"Name":"A"}]}`))
	f.Add([]byte(`{"tenants":[{"name":1}],"environments":[null,"x"]}`))
	f.Add([]byte(`{"libraries":[{"templates":[{"sensitive":true,"sensitive":false}]}]}`))
	f.Add([]byte("{\"environments\":[\"\xff\"]}"))
	f.Add([]byte(`{"lifecycles":[{"phases":[{"minimum":1.5},{"minimum":99999999999}]}]}`))
	f.Add([]byte(`{"tenants":[{"projectValues":{"P":[{"template":"T","value":null}]}}]}`))
	f.Add([]byte(`[`))
	f.Add([]byte(`{"environments":[]} x`))
	f.Fuzz(func(t *testing.T, data []byte) {
		got, err := model.Decode(data)
		want, plainErr := plainDecode(data)
		var es model.Errors
		if err != nil && (!errors.As(err, &es) || len(es) == 0) {
			t.Fatalf("error %T %v is not a non-empty model.Errors", err, err)
		}
		switch {
		case err == nil && plainErr == nil:
			if d := cmp.Diff(want, got); d != "" {
				t.Fatalf("the decoders disagree (-encoding/json +model):\n%s", d)
			}
		case err == nil:
			t.Fatalf("encoding/json rejects what the decoder accepts: %v", plainErr)
		case plainErr == nil:
			for _, e := range es {
				if !stricter(e) {
					t.Fatalf("the decoder rejects a document encoding/json accepts, with %v", e)
				}
			}
		default:
			var syn *json.SyntaxError
			var typ *json.UnmarshalTypeError
			switch {
			case errors.As(plainErr, &syn):
				if !hasProblem(es, func(e *model.Error) bool {
					return e.Line > 0 || strings.Contains(e.Message, "byte order mark") || strings.Contains(e.Message, "the document must be")
				}) {
					t.Fatalf("encoding/json: %v; the decoder has no syntax problem: %v", plainErr, err)
				}
			case errors.As(plainErr, &typ) && typ.Field != "":
				if !hasProblem(es, func(e *model.Error) bool {
					// A key in another letter case: encoding/json takes it, the decoder does not
					// look inside.
					folded := errors.Is(e, model.ErrUnknownField) &&
						strings.HasPrefix(strings.ToLower(typ.Field), strings.ToLower(fieldPath(e.Path)))
					return strings.HasPrefix(fieldPath(e.Path), typ.Field) || e.Line > 0 || folded
				}) {
					t.Fatalf("encoding/json: %v (at %q); the decoder has no problem there: %v", plainErr, typ.Field, err)
				}
			case strings.HasPrefix(plainErr.Error(), "json: unknown field "):
				if !hasProblem(es, func(e *model.Error) bool {
					// A key that is not UTF-8 is not known either: that is its problem.
					return errors.Is(e, model.ErrUnknownField) || errors.Is(e, model.ErrInvalidUTF8) || e.Line > 0
				}) {
					t.Fatalf("encoding/json: %v; the decoder has no unknown key: %v", plainErr, err)
				}
			}
		}
	})
}

func hasProblem(es model.Errors, fn func(*model.Error) bool) bool {
	for _, e := range es {
		if fn(e) {
			return true
		}
	}
	return false
}
