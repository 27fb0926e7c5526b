import Foundation
import HTTPTypes
import Hummingbird
import LandKit
import Logging

/// The JSON API: each route parses its input at the edge, checks the caller's rights, and calls the same use
/// case the CLI calls.
struct API: Sendable {
    let store: any LandStore
    let configuration: ServerConfiguration
    let hasher: any PasswordHashing
    let logger: Logger
    let throttle: LoginThrottle

    init(store: any LandStore, configuration: ServerConfiguration, hasher: any PasswordHashing, logger: Logger) {
        self.store = store
        self.configuration = configuration
        self.hasher = hasher
        self.logger = logger
        throttle = LoginThrottle(limit: configuration.maxFailedLogins, window: configuration.loginWindow)
    }

    typealias Handler = @Sendable (Request, ServerContext) async throws -> Response

    /// Every route of the API, relative to `/api/v1`: what `register` registers, and what the OpenAPI document must
    /// list (a test compares the two).
    var routes: [(method: HTTPRequest.Method, path: String, handler: Handler)] {
        [
            (.post, "session", login), (.delete, "session", logout), (.get, "me", me), (.get, "projects", projects),
            (.get, "projects/{id}/items", items), (.get, "projects/{id}/map.svg", map), (.get, "items/{entity}/{id}", item),
            (.post, "status", status), (.post, "status/batch", batch), (.get, "report", report),
            (
                .get, "openapi.json",
                { _, _ in
                    Response(
                        status: .ok, headers: [.contentType: "application/json; charset=utf-8"],
                        body: ResponseBody(byteBuffer: ByteBuffer(string: OpenAPIDocument.json)))
                }
            ),
        ]
    }

    func register(_ g: RouterGroup<ServerContext>) {
        for r in routes { g.on(RouterPath(r.path), method: r.method, use: r.handler) }
    }

    // MARK: Session

    struct LoginBody: Decodable {
        var name: String
        var password: String
    }

    struct AccountJSON: Encodable {
        var name: String
        var role: String
        var role_zh: String
        var team: String?
        var team_name: String?
    }

    func accountJSON(_ a: Account) async throws -> AccountJSON {
        let store = store
        let teamName = try await blocking { try store.read { s in try a.teamID.flatMap { try s.team(named: $0)?.name } } }
        return AccountJSON(name: a.name, role: a.role.rawValue, role_zh: a.role.zh, team: a.teamID, team_name: teamName)
    }

    @Sendable func login(_ request: Request, context: ServerContext) async throws -> Response {
        let body = try await JSON.decode(LoginBody.self, from: request, limit: 4096)
        let now = configuration.now()
        try throttle.check(name: body.name, address: context.remoteAddress, now: now)
        let store = store, hasher = hasher, lifetime = configuration.sessionLifetime
        let login: AccountUseCases.Login
        do {
            login = try await blocking {
                try AccountUseCases.login(
                    store: store, name: body.name, password: body.password, hasher: hasher, lifetime: lifetime, now: now)
            }
        } catch let e as AccessError {
            throttle.recordFailure(name: body.name, address: context.remoteAddress, now: now)
            logger.notice("failed login", metadata: ["user": .string(body.name), "addr": .string(context.remoteAddress)])
            throw e
        }
        throttle.recordSuccess(name: body.name)
        struct Out: Encodable {
            var token: String
            var expires_at: String
            var account: AccountJSON
        }
        var response = try JSON.response(
            Out(token: login.token, expires_at: Timestamps.utc(login.expiresAt), account: try await accountJSON(login.account)),
            status: .created)
        response.headers[.setCookie] =
            "\(GateMiddleware.cookieName)=\(login.token); Path=/; HttpOnly; SameSite=Strict; Max-Age=\(Int(lifetime))"
        return response
    }

    @Sendable func logout(_ request: Request, context: ServerContext) async throws -> Response {
        _ = try context.requireAccount()
        if let token = context.token {
            let store = store, now = configuration.now()
            try await blocking { try AccountUseCases.logout(store: store, token: token, now: now) }
        }
        return Response(
            status: .noContent, headers: [.setCookie: "\(GateMiddleware.cookieName)=; Path=/; HttpOnly; SameSite=Strict; Max-Age=0"])
    }

    @Sendable func me(_ request: Request, context: ServerContext) async throws -> Response {
        try JSON.response(try await accountJSON(try context.requireAccount()))
    }

    // MARK: Projects and items

    struct ProjectJSON: Encodable {
        var id: String
        var name: String
        var kind: String
        var kind_zh: String
        var due: String?
        var items: Int
        var open_items: Int
        var blocked_items: Int
    }

    @Sendable func projects(_ request: Request, context: ServerContext) async throws -> Response {
        let account = try context.requireAccount()
        let store = store
        let rows = try await blocking { () -> [ProjectJSON] in
            let projects = try store.read { try $0.projects().filter { $0.closedAt == nil } }
            let work = try TeamUseCases.workList(
                store: store, projectID: nil, team: account.readsEverything ? nil : account.teamID, open: false, blocked: false)
            let byProject = Dictionary(grouping: work, by: \.item.projectID)
            return projects.compactMap { p in
                let w = byProject[p.id] ?? []
                if !account.readsEverything && w.isEmpty { return nil }
                return ProjectJSON(
                    id: p.id, name: p.name, kind: p.kind.rawValue, kind_zh: HTMLDashboard.kindZh(p.kind), due: p.due?.description,
                    items: w.count, open_items: w.filter(\.isOpen).count,
                    blocked_items: w.filter { $0.item.status.blockedReason != nil }.count)
            }
        }
        return try JSON.response(rows)
    }

    @Sendable func items(_ request: Request, context: ServerContext) async throws -> Response {
        let account = try context.requireAccount()
        let projectID = try context.parameters.require("id")
        let q = request.uri.queryParameters
        let entity = try q.get("entity").map { text -> EntityKind in
            guard let e = EntityKind(rawValue: text) else {
                throw APIError.badInput("entity must be parcel, household or utility, not \(text)")
            }
            return e
        }
        let open = try Self.flag(q.get("open"), "open"), blocked = try Self.flag(q.get("blocked"), "blocked")
        var team = q.get("team")
        if !account.readsEverything {
            let store = store
            let own = try await blocking { try store.read { s in try account.teamID.flatMap { try s.team(named: $0) } } }
            if let asked = team, asked != own?.id && asked != own?.name {
                throw AccessError(.forbidden, "a team account reads only its own team's items")
            }
            team = account.teamID
        }
        let store = store, teamFilter = team
        let rows = try await blocking {
            try TeamUseCases.workList(store: store, projectID: projectID, team: teamFilter, open: open, blocked: blocked)
                .filter { entity == nil || $0.item.entity == entity }.map(WorkListRow.init)
        }
        return try JSON.response(rows)
    }

    static func flag(_ text: String?, _ name: String) throws -> Bool {
        switch text {
        case nil, "false", "0": return false
        case "true", "1", "": return true
        case let t?: throw APIError.badInput("\(name) must be true or false, not \(t)")
        }
    }

    struct ItemJSON: Encodable {
        var item: WorkListRow
        var history: [HistoryRow]
        var actions: ItemActions
    }

    @Sendable func item(_ request: Request, context: ServerContext) async throws -> Response {
        let account = try context.requireAccount()
        let entityText = try context.parameters.require("entity"), id = try context.parameters.require("id")
        guard let entity = EntityKind(rawValue: entityText) else {
            throw APIError(.notFound, "unknown-entity", "no such kind of item: \(entityText) (parcel, household or utility)")
        }
        guard let projectID = request.uri.queryParameters.get("project"), !projectID.isEmpty else {
            throw APIError.badInput("name the project: ?project=ID")
        }
        let unmasked = try Self.unmasked(request, account)
        let store = store
        let out = try await blocking { () -> ItemJSON in
            let work = try TeamUseCases.workList(store: store, projectID: projectID, team: nil, open: false, blocked: false)
            guard let w = work.first(where: { $0.item.entity == entity && $0.item.id == id }) else {
                throw WorkflowError(.unknownItem, "\(entity.rawValue) \(id) is not an item of \(projectID)")
            }
            guard account.mayRead(itemOfTeam: w.team?.id) else {
                throw AccessError(.forbidden, "\(entity.rawValue) \(id) in \(projectID) is not assigned to your team")
            }
            let history = try StatusUseCases.history(entity, id: id, projectID: projectID, store: store)
            return ItemJSON(
                item: WorkListRow(w), history: history.events.map { HistoryRow($0, unmasked: unmasked, timeZone: history.timeZone) },
                actions: ItemActions(w.item, mayRecord: account.mayRecord(itemOfTeam: w.team?.id)))
        }
        return try JSON.response(out)
    }

    /// `?unmasked=true`: personal data in full, for the roles that may read it.
    static func unmasked(_ request: Request, _ account: Account) throws -> Bool {
        guard try flag(request.uri.queryParameters.get("unmasked"), "unmasked") else { return false }
        guard account.mayReadPersonalData else {
            throw AccessError(.forbidden, "a \(account.role.rawValue) account reads personal data masked only")
        }
        return true
    }

    @Sendable func map(_ request: Request, context: ServerContext) async throws -> Response {
        let account = try context.requireAccount()
        let projectID = try context.parameters.require("id")
        let q = request.uri.queryParameters
        let asOf = try Self.date(q.get("as_of"), "as_of")
        var highlight: ItemRef?
        if let h = q.get("highlight") {
            let parts = h.split(separator: ":", maxSplits: 1).map(String.init)
            guard parts.count == 2, let e = EntityKind(rawValue: parts[0]) else {
                throw APIError.badInput("highlight must be ENTITY:ID, e.g. parcel:DK-0001, not \(h)")
            }
            highlight = ItemRef(entity: e, id: parts[1])
        }
        let store = store, ring = highlight
        let svg = try await blocking { () -> String in
            if !account.readsEverything {
                let mine = try TeamUseCases.workList(store: store, projectID: projectID, team: account.teamID, open: false, blocked: false)
                guard !mine.isEmpty else { throw AccessError(.forbidden, "your team has no items in \(projectID)") }
            }
            var options = MapOptions()
            options.highlight = ring
            return ProjectMap.file(
                ProjectMap.svg(try ReportUseCases.mapData(store: store, projectID: projectID, asOf: asOf), options: options))
        }
        return Response(
            status: .ok, headers: [.contentType: "image/svg+xml; charset=utf-8"], body: ResponseBody(byteBuffer: ByteBuffer(string: svg)))
    }

    static func date(_ text: String?, _ name: String) throws -> LocalDate? {
        guard let text, !text.isEmpty else { return nil }
        guard let d = LocalDate(text) else { throw APIError.badInput("\(name) must be a date YYYY-MM-DD, not \(text)") }
        return d
    }

    // MARK: Status

    /// The fields of a status CSV row (``StatusCSV``); `by` is the server's to set.
    struct StatusBody: Decodable {
        var entity: String
        var id: String
        var project: String
        var action: String
        var stage: String?
        var reason: String?
        var note: String?
        var at: String?
        var force: Bool?
        var by: String?
        var team: String?
    }

    /// Checks a body at the edge and makes it an update, as the CLI does with its arguments.
    func update(_ b: StatusBody, timeZone: String, label: String) throws -> StatusUpdate {
        func fail(_ m: String) -> APIError { .badInput(label + m) }
        guard b.by == nil else { throw fail("by is set by the server from your login: leave it out") }
        guard b.team == nil else { throw fail("team is set by the server from your login: leave it out") }
        guard let entity = EntityKind(rawValue: b.entity) else {
            throw fail("entity must be parcel, household or utility, not \(b.entity)")
        }
        guard let action = EventAction(rawValue: b.action), [.set, .block, .unblock, .defer_].contains(action) else {
            throw fail("action must be set, block, unblock or defer, not \(b.action)")
        }
        for (name, value, limit) in [("id", b.id, 200), ("project", b.project, 200), ("note", b.note ?? "", 4000)] where value.count > limit
        {
            throw fail("\(name) is longer than \(limit) characters")
        }
        guard !b.id.isEmpty, !b.project.isEmpty else { throw fail("id and project must not be empty") }
        do {
            return try StatusUpdate.parsing(
                entity: entity, id: b.id, projectID: b.project, action: action, stage: b.stage, reason: b.reason, force: b.force ?? false,
                note: b.note, by: nil, at: b.at, timeZone: timeZone)
        } catch {
            throw WorkflowError(error.code, label + error.message)
        }
    }

    struct EventJSON: Encodable {
        var event_id: Int64
        /// True when the same change at the same time was recorded before (a re-sent update): nothing new written.
        var already_recorded: Bool
        var event: HistoryRow
    }

    static func eventJSON(_ o: UpdateOutcome) -> EventJSON? {
        switch o {
        case .applied(let e): EventJSON(event_id: e.seq, already_recorded: false, event: HistoryRow(e, unmasked: false))
        case .recorded(let e): EventJSON(event_id: e.seq, already_recorded: true, event: HistoryRow(e, unmasked: false))
        case .skipped: nil
        }
    }

    @Sendable func status(_ request: Request, context: ServerContext) async throws -> Response {
        let account = try context.requireAccount()
        let body = try await JSON.decode(StatusBody.self, from: request, limit: configuration.maxBodyBytes)
        let out = try await apply([body], account: account, labelled: false)
        guard let first = out.first else { throw APIError(.internalServerError, "internal", "no outcome") }
        return try JSON.response(first, status: first.already_recorded ? .ok : .created)
    }

    struct BatchBody: Decodable {
        var updates: [StatusBody]
    }

    @Sendable func batch(_ request: Request, context: ServerContext) async throws -> Response {
        let account = try context.requireAccount()
        let body = try await JSON.decode(BatchBody.self, from: request, limit: configuration.maxBodyBytes)
        guard !body.updates.isEmpty else { throw APIError.badInput("the batch has no updates") }
        guard body.updates.count <= configuration.maxBatchUpdates else {
            throw APIError.badInput("a batch holds at most \(configuration.maxBatchUpdates) updates, not \(body.updates.count)")
        }
        let out = try await apply(body.updates, account: account, labelled: true)
        struct Out: Encodable {
            var events: [EventJSON]
            var written: Int
        }
        return try JSON.response(Out(events: out, written: out.filter { !$0.already_recorded }.count), status: .created)
    }

    /// Parses every body, then applies all in one transaction as the account (``StatusUseCases/apply(_:as:store:logger:)``).
    /// `labelled`: prefix messages with the update's number in the batch.
    func apply(_ bodies: [StatusBody], account: Account, labelled: Bool) async throws -> [EventJSON] {
        let store = store, logger = logger
        let timeZone = try await blocking { try store.read { try $0.timeZone() } }
        let updates = try bodies.enumerated().map { i, b in try update(b, timeZone: timeZone, label: labelled ? "update \(i + 1): " : "") }
        let outcomes = try await blocking {
            try StatusUseCases.apply(updates, as: account, numbered: labelled, store: store, logger: logger)
        }
        return outcomes.compactMap(Self.eventJSON)
    }

    // MARK: Report

    @Sendable func report(_ request: Request, context: ServerContext) async throws -> Response {
        let account = try context.requireAccount()
        guard account.readsEverything else { throw AccessError(.forbidden, "a team account reads its own items, not the report") }
        let q = request.uri.queryParameters
        let asOf = try Self.date(q.get("as_of"), "as_of"), since = try Self.date(q.get("since"), "since")
        let projectID = q.get("project").flatMap { $0.isEmpty ? nil : $0 }
        let lang: ReportLanguage = q.get("lang") == "en" ? .en : .zh
        let unmasked = try Self.unmasked(request, account)
        let store = store, logger = logger
        let json = try await blocking {
            try ReportFormatter.json(
                try ReportUseCases.report(store: store, asOf: asOf, since: since, projectID: projectID, unmasked: unmasked, logger: logger),
                lang: lang)
        }
        return Response(
            status: .ok, headers: [.contentType: "application/json; charset=utf-8"],
            body: ResponseBody(byteBuffer: ByteBuffer(string: json)))
    }
}
