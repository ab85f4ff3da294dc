import ItemBankModel
import ItemBankXML

/// Every rule of the linter.
public enum Catalogue {
    /// Model rules, run on decoded values. Adding a rule = adding its file and its type here.
    public static let rules: [any Rule.Type] = [
        FrameworkCompetenceCode.self,
        FrameworkSkillName.self,
        FrameworkDuplicateSkill.self,
        RefUnknownSkill.self,
        RefDuplicateItemID.self,
        RefInactiveSkill.self,
        TypeStructure.self,
        KeyQCUSingleKey.self,
        KeyQCMNoKey.self,
        KeyQCMAllKeys.self,
        KeyDuplicateChoices.self,
        KeyChoiceCount.self,
        ResponseQROCSingleResponse.self,
        ResponseNoAcceptedAnswer.self,
        ResponseDropdownAnswerNotOption.self,
        ResponseMissingBlank.self,
        ResponseQROCMDepGroups.self,
        ResponseNumberFormat.self,
        ResponseT3ShortAnswer.self,
        ResponseToleranceCollision.self,
        ResponseDepSharedSynonym.self,
        ResponseT2WithoutT1Accents.self,
        RefVariantPrototype.self,
        RefTwoPrototypes.self,
        FrameworkLevelAboveMax.self,
        FrameworkThetaLevels.self,
        IWFAllNoneOfTheAbove.self,
        IWFNegativeStem.self,
        IWFNegationInChoice.self,
        IWFAbsoluteTerms.self,
        IWFVagueTerms.self,
        IWFLongestKey.self,
        IWFTrueFalseChoices.self,
        IWFKTypeChoices.self,
        IWFChoiceContainsAnother.self,
        IWFChoiceOrder.self,
        IWFClangAssociation.self,
        IWFGrammaticalCue.self,
        TypoNoBreakSpaceBeforePunctuation.self,
        TypoNoBreakSpaceInGuillemets.self,
        TypoStraightApostrophe.self,
        TypoStraightQuotes.self,
        TypoEllipsis.self,
        TypoDoubleSpace.self,
        TypoSpaceBeforeComma.self,
        A11yIllustrationAlt.self,
        A11yAltTooLong.self,
        A11yAltGivesKey.self,
        A11yColourOnly.self,
        A11yEmbedTitle.self,
        A11yLinkText.self,
        MediaMissingFile.self,
        MediaURLNotHTTPS.self,
        BankCoverageGap.self,
        BankKeyPositionImbalance.self,
        BankCalibrationRange.self,
        BankCalibrationLowDiscrimination.self,
        BankCalibrationMisfit.self,
        BankCalibrationFewResponses.self,
        BankCalibrationLevelDifficulty.self,
        BankCalibrationLevelOrder.self,
        BankUncalibratedItem.self,
        BankLintSettings.self,
        BankUnusedSuppression.self,
    ]

    /// Descriptions of every rule, reading-stage rules included, sorted by id.
    public static var descriptions: [RuleDescription] {
        (XMLRules.all + rules.map { $0.description }).sorted { $0.id < $1.id }
    }

    /// Rules whose severity the bank cannot change and that inline suppressions cannot silence
    /// (reading-stage rules, unknown skills, duplicate ids and skills, the bank's lint settings).
    public static var protectedRuleIDs: Set<String> { BankLintSettings.protected }

    /// The description of a rule id, nil when unknown.
    public static func description(of id: String) -> RuleDescription? {
        descriptions.first { $0.id == id }
    }
}
