package main

// cmdGenerate: generate --tenants N --projects M [--seed S]. Written last: it is built on
// plan/plantest.
func cmdGenerate(e *env, args []string) error {
	return inputErr("not yet available")
}
