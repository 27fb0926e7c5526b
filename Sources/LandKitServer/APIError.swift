import Foundation
import Hummingbird
import LandKit
import LandKitStore

/// An error as the API answers it: an HTTP status and `{"error": {"code": …, "message": …}}`, the message being
/// the one the CLI prints for the same problem.
struct APIError: Error {
    var status: HTTPResponse.Status
    var code: String
    var message: String
    var headers: HTTPFields = [:]

    init(_ status: HTTPResponse.Status, _ code: String, _ message: String) {
        self.status = status
        self.code = code
        self.message = message
    }

    static func badInput(_ message: String) -> APIError { APIError(.unprocessableContent, "invalid-input", message) }

    /// The API's answer to any error a route throws. `lookup`: the request named the item in its path (GET), so
    /// an unknown item is 404; in a body (POST) it is bad input, 422.
    init(_ error: any Error, lookup: Bool) {
        switch error {
        case let e as APIError: self = e
        case let e as AccessError:
            switch e.code {
            case .unauthenticated:
                self.init(.unauthorized, e.code.rawValue, e.message)
                headers[.wwwAuthenticate] = "Bearer"
            case .forbidden: self.init(.forbidden, e.code.rawValue, e.message)
            case .rateLimited: self.init(.tooManyRequests, e.code.rawValue, e.message)
            }
        case let e as WorkflowError:
            switch e.code {
            case _ where e.isRuleViolation: self.init(.conflict, e.code.rawValue, e.message)
            case .unknownProject, .unknownItem: self.init(lookup ? .notFound : .unprocessableContent, e.code.rawValue, e.message)
            case .inconsistent: self.init(.internalServerError, e.code.rawValue, e.message)
            default: self.init(.unprocessableContent, e.code.rawValue, e.message)
            }
        case let e as FormatError: self.init(.unprocessableContent, "invalid-input", e.description)
        case let e as StoreError:
            switch e.code {
            case .busy: self.init(.serviceUnavailable, e.code.rawValue, "the database is busy: try again")
            case .alreadyExists: self.init(.conflict, e.code.rawValue, e.message)
            case .notFound: self.init(.notFound, e.code.rawValue, e.message)
            default: self.init(.internalServerError, e.code.rawValue, "the database failed: \(e.message)")
            }
        case let e as HTTPError: self.init(e.status, "http", e.body ?? e.status.reasonPhrase)
        case is DecodingError: self.init(.unprocessableContent, "invalid-input", Self.describe(error))
        default: self.init(.internalServerError, "internal", "internal error: \(error)")
        }
    }

    /// A decoding error as one line: which field and what is wrong.
    static func describe(_ error: any Error) -> String {
        guard let e = error as? DecodingError else { return "\(error)" }
        func path(_ c: DecodingError.Context) -> String {
            let p = c.codingPath.map { $0.intValue.map { "[\($0)]" } ?? $0.stringValue }.joined(separator: ".")
            return p.isEmpty ? "the body" : p
        }
        switch e {
        case .keyNotFound(let k, let c):
            return "\(path(c)) is missing field \(k.stringValue)"
        case .typeMismatch(_, let c), .valueNotFound(_, let c): return "\(path(c)): \(c.debugDescription.lowercased())"
        case .dataCorrupted(let c): return "\(path(c)) is not valid JSON: \(c.debugDescription.lowercased())"
        @unknown default: return "the body is not valid JSON"
        }
    }

    struct Body: Encodable {
        struct Detail: Encodable {
            var code: String
            var message: String
        }
        var error: Detail
    }

    var response: Response {
        var h = headers
        h[.contentType] = "application/json; charset=utf-8"
        let json = (try? JSON.encode(Body(error: .init(code: code, message: message)))) ?? "{}"
        return Response(status: status, headers: h, body: ResponseBody(byteBuffer: ByteBuffer(string: json)))
    }
}

/// JSON as the API writes it: sorted keys, no escaped slashes.
enum JSON {
    static func encode<T: Encodable>(_ value: T) throws -> String {
        let e = JSONEncoder()
        e.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return String(decoding: try e.encode(value), as: UTF8.self)
    }

    static func response<T: Encodable>(_ value: T, status: HTTPResponse.Status = .ok) throws -> Response {
        Response(
            status: status, headers: [.contentType: "application/json; charset=utf-8"],
            body: ResponseBody(byteBuffer: ByteBuffer(string: try encode(value))))
    }

    /// Decodes a request body of at most `limit` bytes.
    static func decode<T: Decodable>(_ type: T.Type, from request: Request, limit: Int) async throws -> T {
        let buffer: ByteBuffer
        do {
            buffer = try await request.body.collect(upTo: limit)
        } catch {
            throw APIError(.contentTooLarge, "too-large", "the request body is larger than \(limit / 1024) KiB")
        }
        guard buffer.readableBytes > 0 else { throw APIError.badInput("the request has no body: send JSON") }
        do {
            return try JSONDecoder().decode(T.self, from: Data(buffer.readableBytesView))
        } catch {
            throw APIError.badInput(APIError.describe(error))
        }
    }
}
