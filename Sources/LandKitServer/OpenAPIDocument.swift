/// The API's OpenAPI 3.1 description, served at `/api/v1/openapi.json`. A test checks that its paths are exactly
/// the routes the server registers (``API/routes``) and that every response code it lists is one the tests see.
enum OpenAPIDocument {
    static let json = #"""
        {
          "openapi": "3.1.0",
          "info": {
            "title": "LandKit API",
            "version": "1",
            "description": "Land acquisition (征地) and demolition (拆迁) progress: projects, items, status updates and reports. Log in with POST /session, then send Authorization: Bearer TOKEN. Every event written names the logged-in account; personal data is masked unless a planner or admin asks for unmasked=true."
          },
          "servers": [{"url": "/api/v1"}],
          "security": [{"bearer": []}],
          "paths": {
            "/session": {
              "post": {
                "summary": "Log in", "security": [],
                "requestBody": {"required": true, "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Login"}}}},
                "responses": {
                  "201": {"description": "Logged in", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Session"}}}},
                  "401": {"$ref": "#/components/responses/Error"}, "422": {"$ref": "#/components/responses/Error"},
                  "429": {"$ref": "#/components/responses/Error"}
                }
              },
              "delete": {
                "summary": "Log out",
                "responses": {"204": {"description": "Logged out"}, "401": {"$ref": "#/components/responses/Error"}}
              }
            },
            "/me": {
              "get": {
                "summary": "The logged-in account",
                "responses": {
                  "200": {"description": "The account", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Account"}}}},
                  "401": {"$ref": "#/components/responses/Error"}
                }
              }
            },
            "/projects": {
              "get": {
                "summary": "Open projects (a team: those with items assigned to it), with item counts",
                "responses": {
                  "200": {"description": "Projects", "content": {"application/json": {"schema": {"type": "array", "items": {"$ref": "#/components/schemas/Project"}}}}},
                  "401": {"$ref": "#/components/responses/Error"}
                }
              }
            },
            "/projects/{id}/items": {
              "get": {
                "summary": "A project's items (a team: its own only)",
                "parameters": [
                  {"$ref": "#/components/parameters/ProjectID"},
                  {"name": "entity", "in": "query", "schema": {"$ref": "#/components/schemas/Entity"}},
                  {"name": "open", "in": "query", "schema": {"type": "boolean"}},
                  {"name": "blocked", "in": "query", "schema": {"type": "boolean"}},
                  {"name": "team", "in": "query", "schema": {"type": "string"}}
                ],
                "responses": {
                  "200": {"description": "Items", "content": {"application/json": {"schema": {"type": "array", "items": {"$ref": "#/components/schemas/Item"}}}}},
                  "401": {"$ref": "#/components/responses/Error"}, "403": {"$ref": "#/components/responses/Error"},
                  "404": {"$ref": "#/components/responses/Error"}, "422": {"$ref": "#/components/responses/Error"}
                }
              }
            },
            "/projects/{id}/map.svg": {
              "get": {
                "summary": "The project's map (SVG), optionally as of a date and with one item ringed",
                "parameters": [
                  {"$ref": "#/components/parameters/ProjectID"},
                  {"name": "as_of", "in": "query", "schema": {"type": "string", "format": "date"}},
                  {"name": "highlight", "in": "query", "schema": {"type": "string", "examples": ["parcel:DK-0001"]}}
                ],
                "responses": {
                  "200": {"description": "SVG", "content": {"image/svg+xml": {"schema": {"type": "string"}}}},
                  "401": {"$ref": "#/components/responses/Error"}, "403": {"$ref": "#/components/responses/Error"},
                  "404": {"$ref": "#/components/responses/Error"}, "422": {"$ref": "#/components/responses/Error"}
                }
              }
            },
            "/items/{entity}/{id}": {
              "get": {
                "summary": "One item with its history and the actions open to the caller",
                "parameters": [
                  {"name": "entity", "in": "path", "required": true, "schema": {"$ref": "#/components/schemas/Entity"}},
                  {"name": "id", "in": "path", "required": true, "schema": {"type": "string"}},
                  {"name": "project", "in": "query", "required": true, "schema": {"type": "string"}},
                  {"name": "unmasked", "in": "query", "schema": {"type": "boolean"}}
                ],
                "responses": {
                  "200": {"description": "The item", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/ItemDetail"}}}},
                  "401": {"$ref": "#/components/responses/Error"}, "403": {"$ref": "#/components/responses/Error"},
                  "404": {"$ref": "#/components/responses/Error"}, "422": {"$ref": "#/components/responses/Error"}
                }
              }
            },
            "/status": {
              "post": {
                "summary": "Record one update (the fields of a status CSV row); the event names the logged-in account",
                "requestBody": {"required": true, "content": {"application/json": {"schema": {"$ref": "#/components/schemas/StatusUpdate"}}}},
                "responses": {
                  "201": {"description": "Recorded", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/EventResult"}}}},
                  "200": {"description": "The same update was recorded before (re-sent): nothing new", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/EventResult"}}}},
                  "401": {"$ref": "#/components/responses/Error"}, "403": {"$ref": "#/components/responses/Error"},
                  "409": {"$ref": "#/components/responses/Error"}, "413": {"$ref": "#/components/responses/Error"},
                  "422": {"$ref": "#/components/responses/Error"}
                }
              }
            },
            "/status/batch": {
              "post": {
                "summary": "Record a list of updates, all or nothing",
                "requestBody": {"required": true, "content": {"application/json": {"schema": {"type": "object", "required": ["updates"], "properties": {"updates": {"type": "array", "items": {"$ref": "#/components/schemas/StatusUpdate"}, "minItems": 1, "maxItems": 1000}}}}}},
                "responses": {
                  "201": {"description": "All recorded", "content": {"application/json": {"schema": {"type": "object", "properties": {"events": {"type": "array", "items": {"$ref": "#/components/schemas/EventResult"}}, "written": {"type": "integer"}}}}}},
                  "401": {"$ref": "#/components/responses/Error"}, "403": {"$ref": "#/components/responses/Error"},
                  "409": {"$ref": "#/components/responses/Error"}, "413": {"$ref": "#/components/responses/Error"},
                  "422": {"$ref": "#/components/responses/Error"}
                }
              }
            },
            "/report": {
              "get": {
                "summary": "The progress report (the JSON of landkit report)",
                "parameters": [
                  {"name": "as_of", "in": "query", "schema": {"type": "string", "format": "date"}},
                  {"name": "since", "in": "query", "schema": {"type": "string", "format": "date"}},
                  {"name": "project", "in": "query", "schema": {"type": "string"}},
                  {"name": "lang", "in": "query", "schema": {"enum": ["zh", "en"]}},
                  {"name": "unmasked", "in": "query", "schema": {"type": "boolean"}}
                ],
                "responses": {
                  "200": {"description": "The report", "content": {"application/json": {"schema": {"type": "object"}}}},
                  "401": {"$ref": "#/components/responses/Error"}, "403": {"$ref": "#/components/responses/Error"},
                  "404": {"$ref": "#/components/responses/Error"}, "422": {"$ref": "#/components/responses/Error"}
                }
              }
            },
            "/openapi.json": {
              "get": {"summary": "This document", "security": [], "responses": {"200": {"description": "OpenAPI 3.1", "content": {"application/json": {"schema": {"type": "object"}}}}}}
            }
          },
          "components": {
            "securitySchemes": {"bearer": {"type": "http", "scheme": "bearer"}},
            "parameters": {
              "ProjectID": {"name": "id", "in": "path", "required": true, "schema": {"type": "string"}}
            },
            "responses": {
              "Error": {"description": "What is wrong, in one line", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Error"}}}}
            },
            "schemas": {
              "Entity": {"enum": ["parcel", "household", "utility"]},
              "Error": {"type": "object", "required": ["error"], "properties": {"error": {"type": "object", "required": ["code", "message"], "properties": {"code": {"type": "string"}, "message": {"type": "string"}}}}},
              "Login": {"type": "object", "required": ["name", "password"], "properties": {"name": {"type": "string"}, "password": {"type": "string"}}},
              "Account": {"type": "object", "required": ["name", "role", "role_zh"], "properties": {"name": {"type": "string"}, "role": {"enum": ["admin", "planner", "team", "leader", "viewer"]}, "role_zh": {"type": "string"}, "team": {"type": ["string", "null"]}, "team_name": {"type": ["string", "null"]}}},
              "Session": {"type": "object", "required": ["token", "expires_at", "account"], "properties": {"token": {"type": "string"}, "expires_at": {"type": "string", "format": "date-time"}, "account": {"$ref": "#/components/schemas/Account"}}},
              "Project": {"type": "object", "required": ["id", "name", "kind", "items", "open_items", "blocked_items"], "properties": {"id": {"type": "string"}, "name": {"type": "string"}, "kind": {"type": "string"}, "kind_zh": {"type": "string"}, "due": {"type": ["string", "null"], "format": "date"}, "items": {"type": "integer"}, "open_items": {"type": "integer"}, "blocked_items": {"type": "integer"}}},
              "Item": {"type": "object", "required": ["project", "entity", "id", "stage", "stage_zh", "deferred", "out_of_zone"], "properties": {"project": {"type": "string"}, "entity": {"$ref": "#/components/schemas/Entity"}, "id": {"type": "string"}, "label": {"type": ["string", "null"]}, "stage": {"type": "string"}, "stage_zh": {"type": "string"}, "next_stage": {"type": ["string", "null"]}, "next_stage_zh": {"type": ["string", "null"]}, "blocked_reason": {"type": ["string", "null"]}, "blocked_reason_zh": {"type": ["string", "null"]}, "blocked_since": {"type": ["string", "null"]}, "deferred": {"type": "boolean"}, "out_of_zone": {"type": "boolean"}, "team": {"type": ["string", "null"]}, "section": {"type": ["string", "null"]}, "overlap_mu": {"type": ["number", "null"]}, "position": {"type": ["string", "null"]}, "length_m": {"type": ["number", "null"]}}},
              "Event": {"type": "object", "required": ["seq", "at", "action", "forced"], "properties": {"seq": {"type": "integer"}, "at": {"type": "string"}, "recorded_at": {"type": "string"}, "by": {"type": ["string", "null"]}, "project": {"type": ["string", "null"]}, "action": {"type": "string"}, "from": {"type": ["string", "null"]}, "to": {"type": ["string", "null"]}, "reason": {"type": ["string", "null"]}, "note": {"type": ["string", "null"]}, "forced": {"type": "boolean"}}},
              "ItemDetail": {"type": "object", "required": ["item", "history", "actions"], "properties": {"item": {"$ref": "#/components/schemas/Item"}, "history": {"type": "array", "items": {"$ref": "#/components/schemas/Event"}}, "actions": {"type": "object"}}},
              "StatusUpdate": {"type": "object", "required": ["entity", "id", "project", "action"], "additionalProperties": false, "properties": {"entity": {"$ref": "#/components/schemas/Entity"}, "id": {"type": "string", "minLength": 1, "maxLength": 200}, "project": {"type": "string", "minLength": 1, "maxLength": 200}, "action": {"enum": ["set", "block", "unblock", "defer"]}, "stage": {"type": "string", "description": "for set: a stage code or Chinese name"}, "reason": {"type": "string", "description": "for block: contractor, dispute, approval, funding, design, other or the Chinese name"}, "note": {"type": "string", "maxLength": 4000}, "at": {"type": "string", "description": "ISO 8601, a local date-time or a date; default now"}, "force": {"type": "boolean"}}},
              "EventResult": {"type": "object", "required": ["event_id", "already_recorded", "event"], "properties": {"event_id": {"type": "integer"}, "already_recorded": {"type": "boolean"}, "event": {"$ref": "#/components/schemas/Event"}}}
            }
          }
        }
        """#
}
