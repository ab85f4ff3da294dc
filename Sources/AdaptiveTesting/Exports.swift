// The learner journey is built on the item-response-theory engine: `import AdaptiveTesting` gives
// both, as it did before the engine became its own module.
@_exported import ItemResponseTheory
