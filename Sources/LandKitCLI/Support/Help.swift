/// Help texts are written wrapped in the source for reading; ArgumentParser wraps them again to the
/// terminal, so a hard line break would cut sentences mid-way. `Help.text` joins the lines of each
/// paragraph and keeps blank lines and indented lines (examples, lists) as they are.
enum Help {
    static func text(_ source: String) -> String {
        var out: [String] = []
        for line in source.split(separator: "\n", omittingEmptySubsequences: false).map(String.init) {
            let startsParagraphLine = !line.isEmpty && !(line.first?.isWhitespace ?? false)
            if startsParagraphLine, let last = out.last, !last.isEmpty, !(last.first?.isWhitespace ?? false), !last.hasSuffix(":") {
                let joiner = isCJK(last.last) || isCJK(line.first) ? "" : " "
                out[out.count - 1] = last + joiner + line
            } else {
                out.append(line)
            }
        }
        return out.joined(separator: "\n")
    }

    private static func isCJK(_ c: Character?) -> Bool {
        guard let scalar = c?.unicodeScalars.first else { return false }
        return scalar.value >= 0x2E80
    }
}
