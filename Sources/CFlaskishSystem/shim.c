// SwiftPM wants one source file per C target; everything lives in include/CFlaskishSystem.h.
#include "CFlaskishSystem.h"
