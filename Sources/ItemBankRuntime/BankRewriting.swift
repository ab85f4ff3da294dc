import ItemBankFormat

extension Bank {
    /// The bytes of a new bank: this bank's sections in file order, less those whose id is the id of
    /// one of `sections`, then `sections` in the order given; header, section table, CRC32C of every
    /// section and trailer written anew by the format's writer (``BankWriter/assemble(_:)``).
    ///
    /// For tools that add computed sections to a built bank (`itembank calibrate-exposure` writes EXPO
    /// and IRTX). Each kept section keeps its flags, record size and bytes; the digests are those of the
    /// new bytes.
    /// - Parameter sections: the sections to add or replace, at most one per id.
    public func replacingSections(_ sections: [BankSection]) -> [UInt8] {
        let replaced = Set(sections.map(\.id))
        let kept = rawSections.filter { !replaced.contains($0.id) }.map {
            BankSection(id: $0.id, payload: $0.payload, recordSize: $0.recordSize, flags: $0.flags)
        }
        return BankWriter.assemble(kept + sections)
    }
}
