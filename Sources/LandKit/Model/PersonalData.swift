import Foundation

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

extension PersonalData {
    /// `text` with every ID-card and phone number in it masked, wherever it was typed (a note, a free
    /// attribute): 18-digit ID numbers with a valid check digit (GB 11643), 15-digit old ID numbers,
    /// mainland mobile numbers (1[3-9] + 9 digits) and landlines written 0AA(A)-NNNNNNN(N).
    public static func maskNumbers(in text: String) -> String {
        let chars = Array(text)
        guard chars.contains(where: \.isASCIIDigit) else { return text }
        var out = ""
        var i = 0
        while i < chars.count {
            guard chars[i].isASCIIDigit, i == 0 || !chars[i - 1].isASCIIDigit else {
                out.append(chars[i])
                i += 1
                continue
            }
            var j = i
            while j < chars.count, chars[j].isASCIIDigit { j += 1 }
            var run = String(chars[i..<j])
            // An 18-character ID may end in X.
            if run.count == 17, j < chars.count, chars[j] == "X" || chars[j] == "x" {
                run.append(chars[j])
                j += 1
            }
            // A landline: area code, a hyphen, the local number.
            if run.first == "0", (3...4).contains(run.count), j + 1 < chars.count, chars[j] == "-", chars[j + 1].isASCIIDigit {
                var k = j + 1
                while k < chars.count, chars[k].isASCIIDigit { k += 1 }
                let local = String(chars[(j + 1)..<k])
                if (7...8).contains(local.count) {
                    out += run + "-" + String(repeating: "*", count: local.count - 4) + local.suffix(4)
                    i = k
                    continue
                }
            }
            if isIDNumber(run) {
                out += maskIDCard(run) ?? run
            } else if run.count == 11, run.first == "1", let second = run.dropFirst().first, ("3"..."9").contains(second) {
                out += maskPhone(run) ?? run
            } else {
                out += run
            }
            i = j
        }
        return out
    }

    /// True for an 18-digit ID number with a valid check digit, or a 15-digit old one with a valid month.
    public static func isIDNumber(_ s: String) -> Bool {
        let c = Array(s.uppercased())
        if c.count == 18 {
            let weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2]
            var sum = 0
            for k in 0..<17 {
                guard let d = c[k].wholeNumberValue, c[k].isASCIIDigit else { return false }
                sum += d * weights[k]
            }
            return Array("10X98765432")[sum % 11] == c[17]
        }
        if c.count == 15, c.allSatisfy(\.isASCIIDigit), let month = Int(String(c[8..<10])) {
            return (1...12).contains(month)
        }
        return false
    }

    /// Attribute names that hold personal data, wherever they occur (配偶身份证号, 手机号, 联系人 …).
    static func isPersonalKey(_ key: String) -> (name: Bool, number: Bool) {
        let k = key.lowercased()
        let number = ["身份证", "证件", "电话", "手机", "联系方式", "phone", "mobile", "tel", "idcard", "id_card", "sfz"].contains { k.contains($0) }
        let name = ["姓名", "户主", "联系人", "配偶", "权利人", "name", "contact", "owner"].contains { k.contains($0) } && !number
        return (name, number)
    }

    /// A feature's free attributes (a JSON object) with personal values masked: values under personal
    /// keys by what they are, and ID and phone numbers in any other value by content.
    public static func maskAttributesJSON(_ json: String?) -> String? {
        guard let json, let data = json.data(using: .utf8),
            let object = try? JSONSerialization.jsonObject(with: data) as? [String: Any]
        else { return json.map(maskNumbers(in:)) }
        var masked: [String: Any] = [:]
        for (key, value) in object {
            let kind = isPersonalKey(key)
            let text = (value as? String) ?? (value as? NSNumber).map { "\($0)" }
            guard let text else {
                masked[key] = value
                continue
            }
            if kind.number {
                masked[key] = maskIDCard(text).map { isIDNumber(text) ? $0 : (maskPhone(text) ?? $0) } ?? text
            } else if kind.name, !(key.lowercased().contains("村") || key.lowercased().contains("组")) {
                masked[key] = maskName(text) ?? text
            } else {
                masked[key] = (value as? String).map(maskNumbers(in:)) ?? value
            }
        }
        guard let out = try? JSONSerialization.data(withJSONObject: masked, options: [.sortedKeys]) else { return nil }
        return String(decoding: out, as: UTF8.self)
    }
}

extension Character {
    fileprivate var isASCIIDigit: Bool { isASCII && isNumber }
}

extension Building {
    /// The same household with personal fields masked.
    public var masked: Building {
        var b = self
        b.head = PersonalData.maskName(head)
        b.idCard = PersonalData.maskIDCard(idCard)
        b.phone = PersonalData.maskPhone(phone)
        b.attributesJSON = PersonalData.maskAttributesJSON(attributesJSON)
        return b
    }
}
