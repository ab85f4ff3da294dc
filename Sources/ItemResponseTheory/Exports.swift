// The session's random source (`CATSession.random`) is the project's one seeded generator; callers of
// the engine get it with `import ItemResponseTheory`.
@_exported import struct ItemBankSystem.SplitMix64
