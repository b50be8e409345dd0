//! The floor under every CSV reader the benchmarks time: splitting the
//! input into records with the `csv` crate alone, no field looked at
//! (`benches/e2e.rs`, `benches/import.rs`).

/// The number of records `reader` (its settings) splits `input` into.
pub fn records(reader: &csv::ReaderBuilder, input: &[u8]) -> u64 {
    let mut rdr = reader.from_reader(input);
    let mut record = csv::ByteRecord::new();
    let mut n = 0u64;
    while rdr.read_byte_record(&mut record).expect("reads") {
        n += 1;
    }
    n
}
