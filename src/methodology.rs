//! Methodology (placeholder, written below).
