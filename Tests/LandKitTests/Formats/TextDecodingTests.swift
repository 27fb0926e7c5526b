import Testing

@testable import LandKit

@Suite("Text decoding")
struct TextDecodingTests {
    @Test("GBK bytes written by iconv decode as GB18030; UTF-8 with BOM decodes as UTF-8; CRLF becomes LF")
    func decoding() throws {
        // `printf '地块\r\n' | iconv -f UTF-8 -t GBK | xxd` → b5d8 bfe9 0d0a
        let (gbk, e1) = try TextDecoding.decode([0xB5, 0xD8, 0xBF, 0xE9, 0x0D, 0x0A])
        #expect(gbk == "地块\n")
        #expect(e1 == .gb18030)
        let (utf8, e2) = try TextDecoding.decode([0xEF, 0xBB, 0xBF] + Array("地块\r\nx\ry".utf8))
        #expect(utf8 == "地块\nx\ny")
        #expect(e2 == .utf8)
    }

    @Test("UTF-8 → GBK encoding gives iconv's bytes")
    func encoding() throws {
        #expect(try TextDecoding.encode("地块A", as: .gb18030) == [0xB5, 0xD8, 0xBF, 0xE9, 0x41])
    }

    @Test(
        "empty files, NUL bytes, UTF-16 and invalid bytes are refused",
        arguments: [
            [UInt8](), [0x20, 0x0A], [0x61, 0x00, 0x62], [0xFF, 0xFE, 0x61, 0x00], [0x61, 0x80, 0xFF],
        ])
    func refused(bytes: [UInt8]) {
        #expect(throws: FormatError.self) { try TextDecoding.decode(bytes) }
    }
}
