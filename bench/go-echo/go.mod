module cortex-responders/bench/go-echo

go 1.19
