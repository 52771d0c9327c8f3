// A hand-written Go worker that does what our Echo responder does, with no SDK: the yardstick bench/run puts
// beside Echo. It reads <jobFolder>/input/input.json, applies cortexutils' TLP/PAP checks, reports
// config.service "echo" (the TheHive object) or "test", and writes output/output.json atomically; a failure
// writes success:false with the input masked (keys naming a secret become "REMOVED") and a one-line message.
package main

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
)

var secretPhrases = []string{"key", "password", "secret", "token", "pwd", "pass", "credential", "auth",
	"cookie", "bearer", "jwt", "session", "private", "signature", "hmac"}

func isSecret(name string) bool {
	lower := strings.ToLower(name)
	for _, phrase := range secretPhrases {
		if phrase == "auth" && strings.Contains(lower, "author") {
			continue
		}
		if strings.Contains(lower, phrase) {
			return true
		}
	}
	return false
}

func mask(value interface{}) interface{} {
	switch v := value.(type) {
	case map[string]interface{}:
		masked := make(map[string]interface{}, len(v))
		for key, inner := range v {
			if isSecret(key) {
				masked[key] = "REMOVED"
			} else {
				masked[key] = mask(inner)
			}
		}
		return masked
	case []interface{}:
		masked := make([]interface{}, len(v))
		for i, inner := range v {
			masked[i] = mask(inner)
		}
		return masked
	}
	return value
}

func write(folder string, output map[string]interface{}) {
	data, err := json.Marshal(output)
	if err != nil {
		os.Exit(1)
	}
	dir := filepath.Join(folder, "output")
	temporary := filepath.Join(dir, ".output.json.tmp")
	if os.WriteFile(temporary, data, 0o644) != nil || os.Rename(temporary, filepath.Join(dir, "output.json")) != nil {
		os.Exit(1)
	}
}

func number(config map[string]interface{}, key string, fallback float64) float64 {
	if n, ok := config[key].(float64); ok {
		return n
	}
	return fallback
}

func main() {
	folder := "/job"
	if len(os.Args) > 1 {
		folder = os.Args[1]
	}
	var input map[string]interface{}
	fail := func(message string) {
		write(folder, map[string]interface{}{"success": false, "input": mask(input), "errorMessage": message})
	}
	raw, err := os.ReadFile(filepath.Join(folder, "input", "input.json"))
	if err != nil {
		fail("cannot read input/input.json: " + err.Error())
		return
	}
	if json.Unmarshal(raw, &input) != nil || input == nil {
		input = nil
		fail("input/input.json is not a JSON object")
		return
	}
	config, _ := input["config"].(map[string]interface{})
	if config == nil {
		config = map[string]interface{}{}
	}
	if check, _ := config["check_tlp"].(bool); check && number(input, "tlp", 2) > number(config, "max_tlp", 2) {
		fail("TLP is higher than allowed.")
		return
	}
	if check, _ := config["check_pap"].(bool); check && number(input, "pap", 2) > number(config, "max_pap", 2) {
		fail("PAP is higher than allowed.")
		return
	}
	switch service, _ := config["service"].(string); service {
	case "echo":
		data, ok := input["data"].(map[string]interface{})
		if !ok {
			fail("Missing data field")
			return
		}
		write(folder, map[string]interface{}{"success": true, "full": data, "operations": []interface{}{}})
	case "test":
		write(folder, map[string]interface{}{"success": true, "full": map[string]interface{}{"message": "test"}, "operations": []interface{}{}})
	default:
		fail("Unknown service \"" + service + "\": config.service must be \"echo\" or \"test\".")
	}
}
