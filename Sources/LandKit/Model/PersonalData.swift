/// Masking of personal data (names, ID-card numbers, phone numbers) for every report and export
/// unless the user explicitly asks for the full values.
public enum PersonalData {
    /// 张德明 → 张*, 欧阳娜娜 → 欧*; Latin names keep their first letter.
    public static func maskName(_ name: String?) -> String? {
        guard let name, let first = name.first else { return name }
        return String(first) + "*"
    }

    /// 510122199001011234 → 5101**********1234 (first 4 and last 4 kept).
    public static func maskIDCard(_ id: String?) -> String? {
        guard let id else { return nil }
        let chars = Array(id)
        guard chars.count > 8 else { return String(repeating: "*", count: chars.count) }
        return String(chars.prefix(4)) + String(repeating: "*", count: chars.count - 8) + String(chars.suffix(4))
    }

    /// 13812345678 → 138****5678.
    public static func maskPhone(_ phone: String?) -> String? {
        guard let phone else { return nil }
        let chars = Array(phone)
        guard chars.count > 7 else { return String(repeating: "*", count: chars.count) }
        return String(chars.prefix(3)) + String(repeating: "*", count: chars.count - 7) + String(chars.suffix(4))
    }
}

extension Building {
    /// The same household with personal fields masked.
    public var masked: Building {
        var b = self
        b.head = PersonalData.maskName(head)
        b.idCard = PersonalData.maskIDCard(idCard)
        b.phone = PersonalData.maskPhone(phone)
        return b
    }
}
