//! Interop tests of `ler` against ssi 0.16; everything lives in `tests/`. See README.md.
