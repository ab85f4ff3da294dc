import Testing

@testable import ItemBankInterop
