#!/usr/bin/env node
// The `vidseg` command. A committed file (npm links bins before `prepare` builds dist/), which
// loads the built CLI.
import '../dist/bin/vidseg.js';
