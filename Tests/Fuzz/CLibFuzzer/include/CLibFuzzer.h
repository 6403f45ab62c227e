// libFuzzer's entry point for programs that own `main` (as SwiftPM executables do), from
// compiler-rt's FuzzerInterface.h. Only referenced when built with -sanitize=fuzzer.
#ifndef CLIBFUZZER_H
#define CLIBFUZZER_H
#include <stddef.h>
#include <stdint.h>

typedef int (*CLibFuzzerCallback)(const uint8_t *data, size_t size);

int LLVMFuzzerRunDriver(int *argc, char ***argv, CLibFuzzerCallback callback);

#endif
