package model

import (
	"reflect"

	"github.com/tenantplan/tenantplan/internal/strictjson"
)

// Decode decodes a model file strictly, with the default Options. Every problem is reported at
// once as Errors, sorted by path: unknown keys (ErrUnknownField, with a "did you mean"
// suggestion), values of the wrong JSON type or out of range (ErrInvalidValue), duplicate keys
// (ErrDuplicateKey), strings that are not UTF-8 (ErrInvalidUTF8), limits (ErrLimit) and malformed
// JSON (ErrInvalidValue with line and column). The meaning of the model is not checked here:
// compile it with package plan.
func Decode(data []byte) (*File, error) { return DecodeWithOptions(data, Options{}) }

// DecodeWithOptions is Decode with limits other than the defaults.
func DecodeWithOptions(data []byte, o Options) (*File, error) {
	f, _, err := DecodePartial(data, o)
	if err != nil {
		return nil, err
	}
	return f, nil
}

// DecodePartial decodes like DecodeWithOptions, and also returns what decoded when there are
// problems, so that the caller can check the meaning of the rest in the same pass. The File is
// never nil: a value that did not decode is left zero (a list keeps its place), an unknown key is
// left out, and of a duplicate key the first value is kept. complete reports whether the whole
// document was read and every problem is listed: it is false after malformed JSON, a document
// that is not an object, the input size limit or the problem cap, when the File lacks more than
// the values that the errors name.
func DecodePartial(data []byte, o Options) (f *File, complete bool, err error) {
	f = new(File)
	errs, complete := decodeValue(data, reflect.ValueOf(f).Elem(), o)
	if len(errs) > 0 {
		return f, complete, errs
	}
	return f, true, nil
}

// decodeValue decodes data into rv with the strict decoder and returns its problems as Errors.
func decodeValue(data []byte, rv reflect.Value, o Options) (Errors, bool) {
	ses, complete := strictjson.Decode(data, rv, strictjson.Options(o))
	if len(ses) == 0 {
		return nil, complete
	}
	es := make(Errors, len(ses))
	for i, e := range ses {
		es[i] = (*Error)(e) // the same fields: the conversion fails to compile if they drift apart
	}
	return es, complete
}
