"""Every known difference between the two apps: what each does, why, and how to bridge it.

The entries are the engine's accepted differences (sidebyside.AcceptedDifference): the
reference is the Flask twin, the candidate the FastAPI one (or a migration step of it).
Each also says what a client of the Flask app would notice after a move (`impact`, one of
IMPACT_RULES) and which piece of migration.compat removes it (`bridged_by`, as module.name),
or why none does (`unbridged`).
"""

from typing import Literal

from sidebyside import AcceptedDifference, registry_of

Impact = Literal["breaks clients", "visible but compatible", "wire only"]

# What each impact class means, in one place: every entry names one and says why it fits.
# The order is the ranking: a case showing several counts under the first.
IMPACT_RULES: dict[Impact, str] = {
    "breaks clients": "A correct client can meet it in ordinary use, and it changes a status, "
    "a body shape or a header that typical client code or an SDK branches on.",
    "visible but compatible": "A client can see it, but a client that follows HTTP and JSON "
    "acts the same on either answer, or only a request no correct client sends gets it.",
    "wire only": "No client behaviour can depend on it: a browser or an HTTP client acts "
    "the same on either answer.",
}


HTML_ERROR = frozenset({"content-type", "body"})

# Where each entry shows (AcceptedDifference.pairs). A bridged entry only between the twins: compat
# mode, and so the strangler, removes it. An unbridged one also where FastAPI answers in compat
# mode: the compat twin, and each strangler step that has ported the feature its cases probe
# (migration.strangler.steps: the first half of the features at 50 %, everything at 100 %).
TWINS_ONLY = frozenset({"flask:fastapi"})
PORTED_LAST = frozenset({"flask:fastapi", "flask:fastapi-compat", "flask:strangler-100"})
PORTED_FIRST = PORTED_LAST | {"flask:strangler-50"}

ENTRIES = (
    AcceptedDifference(
        id="validation-error-format",
        pairs=TWINS_ONLY,
        bridged_by="errors.flask_pydantic_validation_errors",
        title="Validation errors: 400 with flask-pydantic's shape vs 422 with FastAPI's",
        reference_does=(
            '400 {"validation_error": {"body_params" | "query_params": [pydantic errors]}}'
        ),
        candidate_does=(
            '422 {"detail": [pydantic errors, each loc prefixed with "body" or "query"]}'
        ),
        why="flask-pydantic answers 400 and groups errors by where they came from; FastAPI "
        "answers 422 Unprocessable Content with one flat list.",
        bridge="In FastAPI, an exception_handler(RequestValidationError) that answers 400 and "
        "groups exc.errors() by loc[0] under validation_error (or, the other way, "
        "FLASK_PYDANTIC_VALIDATION_ERROR_STATUS_CODE=422 in Flask).",
        link="https://fastapi.tiangolo.com/tutorial/handling-errors/"
        "#override-request-validation-exceptions",
        aspects=frozenset({"status", "body"}),
        impact="breaks clients",
        impact_reason=(
            "A form or SDK that reads field errors from a 400 with validation_error gets a "
            "422 with detail instead."
        ),
    ),
    AcceptedDifference(
        id="werkzeug-html-errors",
        pairs=TWINS_ONLY,
        bridged_by="errors.werkzeug_http_errors",
        title="HTTP errors: an HTML page from Werkzeug vs JSON from Starlette",
        reference_does="404, 405, 413 and the other HTTP errors are small HTML pages (text/html).",
        candidate_does='The same statuses with a JSON body {"detail": "Not Found"} and so on.',
        why="Werkzeug's HTTPException renders HTML for browsers; FastAPI's HTTPException "
        "handler renders JSON for API clients.",
        bridge="In FastAPI, an exception_handler(StarletteHTTPException) returning an "
        "HTMLResponse with Werkzeug's page; more usefully, the reverse: a Flask "
        "errorhandler(HTTPException) that returns JSON.",
        link="https://flask.palletsprojects.com/en/stable/errorhandling/"
        "#returning-api-errors-as-json",
        aspects=HTML_ERROR,
        impact="breaks clients",
        impact_reason=(
            "A client that parses the JSON of a 404, 405 or 413 gets an HTML page from Flask "
            "and JSON from FastAPI."
        ),
    ),
    AcceptedDifference(
        id="malformed-json",
        pairs=TWINS_ONLY,
        bridged_by="errors.flask_pydantic_validation_errors",
        title="Malformed JSON: 400 Bad Request vs 422 json_invalid",
        reference_does="400 with Werkzeug's HTML Bad Request page.",
        candidate_does='422 {"detail": [{"type": "json_invalid", "loc": ["body", offset], ...}]}',
        why="Flask's request.get_json raises BadRequest on a parse error; FastAPI reports "
        "the parse error as one more validation error.",
        bridge="In FastAPI's RequestValidationError handler, answer 400 when any error has "
        'type "json_invalid".',
        link="https://flask.palletsprojects.com/en/stable/api/#flask.Request.get_json",
        aspects=frozenset({"status", "content-type", "body"}),
        impact="visible but compatible",
        impact_reason=(
            "Only a client with a bug sends broken JSON; both answers refuse it with a 4xx."
        ),
    ),
    AcceptedDifference(
        id="json-content-type-required",
        pairs=TWINS_ONLY,
        bridged_by="errors.flask_pydantic_validation_errors",
        title="A JSON body without a JSON Content-Type: 415 vs 422",
        reference_does="415 Unsupported Media Type (HTML page): get_json refuses any other type.",
        candidate_does="422: with strict_content_type (the default since FastAPI 0.132) the body "
        "is not parsed as JSON, so it fails validation as a non-object.",
        why="Both refuse the body, but Flask says the media type is wrong while FastAPI "
        "says the content is.",
        bridge="A FastAPI dependency on the JSON routes that raises HTTPException(415) when "
        "Content-Type is not application/json.",
        link="https://fastapi.tiangolo.com/advanced/strict-content-type/",
        aspects=frozenset({"status", "content-type", "body"}),
        impact="visible but compatible",
        impact_reason=(
            "Only a client that mislabels its body gets either answer; both refuse it with a 4xx."
        ),
    ),
    AcceptedDifference(
        id="non-object-body",
        pairs=TWINS_ONLY,
        bridged_by="errors.flask_pydantic_validation_errors",
        title="A JSON body that is null or a list: our 400 vs 422",
        reference_does='400 {"detail": "The request body must be a JSON object."}, from this '
        "project's handler: flask-pydantic itself raises a TypeError there (a 500).",
        candidate_does='422 {"detail": [{"type": "model_attributes_type", "loc": ["body"], ...}]}',
        why="flask-pydantic calls Model(**body), which only works on an object; FastAPI "
        "validates whatever JSON value arrived against the model.",
        bridge="In FastAPI's RequestValidationError handler, answer 400 with that detail "
        'when the only error is at loc ["body"].',
        link="https://github.com/pallets-eco/flask-pydantic",
        aspects=frozenset({"status", "body"}),
        impact="visible but compatible",
        impact_reason="Only a client with a bug sends null or a list; both refuse it with a 4xx.",
    ),
    AcceptedDifference(
        id="path-converter-mismatch",
        pairs=TWINS_ONLY,
        bridged_by="errors.flask_pydantic_validation_errors",
        title="An id that is not a valid integer or UUID: 404 vs 422",
        reference_does=(
            "404: the int (max 2**63-1) and uuid converters do not match, so no route does."
        ),
        candidate_does=(
            "422: the route matches any segment, then validation of the parameter fails."
        ),
        why="Werkzeug types path segments while routing; FastAPI routes on the path shape "
        "and validates the parameter afterwards.",
        bridge="In FastAPI's RequestValidationError handler, answer 404 when an error's loc "
        'starts with "path"; or route on Starlette\'s {id:int} convertor.',
        link="https://werkzeug.palletsprojects.com/en/stable/routing/#built-in-converters",
        aspects=frozenset({"status", "content-type", "body"}),
        impact="breaks clients",
        impact_reason=(
            "An id a user typed (abc, -1) is a 404 in Flask and a 422 in FastAPI, so a "
            "client's not-found branch is skipped."
        ),
    ),
    AcceptedDifference(
        id="repeated-query-parameter",
        pairs=TWINS_ONLY,
        bridged_by="query.FirstQueryValueMiddleware",
        title="A repeated query parameter: Flask takes the first, FastAPI the last",
        reference_does="?limit=1&limit=2 is read as limit=1 (MultiDict.to_dict keeps the first).",
        candidate_does=(
            "?limit=1&limit=2 is read as limit=2 (a scalar parameter takes the last); so "
            "?limit=0&limit=5 is a 400 in Flask and a 200 in FastAPI."
        ),
        why="Werkzeug's MultiDict returns the first value of a key; Starlette's QueryParams "
        "returns the last.",
        bridge="Declare the parameter as list[int] in FastAPI and use the first item, or "
        "reject repeated keys in both apps.",
        link="https://werkzeug.palletsprojects.com/en/stable/datastructures/"
        "#werkzeug.datastructures.MultiDict",
        aspects=frozenset({"status", "body"}),
        impact="breaks clients",
        impact_reason=(
            "The same URL returns different data: Flask obeys the first value, FastAPI the last."
        ),
    ),
    AcceptedDifference(
        id="trailing-slash-redirect",
        pairs=TWINS_ONLY,
        bridged_by="routing.WerkzeugSlashesMiddleware",
        title="Trailing slashes: Flask redirects one way with 308, Starlette both ways with 307",
        reference_does=(
            "A route with a slash redirects the slashless URL with 308 (an HTML page); a "
            "route without one answers 404 to the slashed URL."
        ),
        candidate_does="Either mismatch is redirected with an empty 307 and a Location header.",
        why="Werkzeug's strict_slashes treats a trailing slash as part of the URL; "
        "Starlette's redirect_slashes retries the other spelling.",
        bridge="FastAPI(redirect_slashes=False) stops the 307s; add the slashed route with a "
        "308 RedirectResponse where Flask would redirect.",
        link="https://flask.palletsprojects.com/en/stable/quickstart/"
        "#unique-urls-redirection-behavior",
        aspects=frozenset({"status", "content-type", "body", "header:location"}),
        impact="visible but compatible",
        impact_reason=(
            "A client that follows redirects ends at the same resource; one that does not "
            "sees 308 or 404 against 307."
        ),
    ),
    AcceptedDifference(
        id="automatic-head",
        pairs=TWINS_ONLY,
        bridged_by="routing.AutomaticHeadMiddleware",
        title="HEAD on a GET route: 200 vs 405",
        reference_does="Every GET route answers HEAD with the GET headers and no body.",
        candidate_does=(
            "405 with Allow: GET; APIRoute does not add HEAD the way Starlette's Route does."
        ),
        why="Werkzeug adds HEAD to every rule with GET; FastAPI keeps HEAD out so that it "
        "does not appear in the OpenAPI schema.",
        bridge='@router.api_route(path, methods=["GET", "HEAD"]) on each route.',
        link="https://github.com/fastapi/fastapi/issues/1773",
        aspects=frozenset({"status", "header:allow"}),
        impact="breaks clients",
        impact_reason=(
            "A link checker or cache that probes with HEAD gets 200 from Flask and 405 from "
            "FastAPI."
        ),
    ),
    AcceptedDifference(
        id="automatic-options",
        pairs=TWINS_ONLY,
        bridged_by="routing.AutomaticOptionsMiddleware",
        title="OPTIONS without CORS: 200 with Allow vs 405",
        reference_does="200, an empty body and Allow listing the route's methods.",
        candidate_does='405 {"detail": "Method Not Allowed"}; only a CORS preflight is answered.',
        why="Flask answers OPTIONS on every route (provide_automatic_options); FastAPI "
        "only has the routes it was given.",
        bridge="A FastAPI middleware (or an api_route with OPTIONS) that answers a non-CORS "
        "OPTIONS with 200 and the Allow header.",
        link="https://flask.palletsprojects.com/en/stable/api/#flask.Flask.add_url_rule",
        aspects=frozenset({"status", "content-type", "body", "header:allow"}),
        impact="visible but compatible",
        impact_reason=(
            "Outside CORS, clients do not send OPTIONS; only a tool that discovers methods "
            "with it notices."
        ),
    ),
    AcceptedDifference(
        id="allow-header-per-route",
        pairs=TWINS_ONLY,
        bridged_by="errors.werkzeug_http_errors",
        title="The Allow header of a 405: every method of the URL vs one route's",
        reference_does="Allow lists every method served at the URL, with HEAD and OPTIONS.",
        candidate_does="Allow lists only the methods of the first route whose path matched, so "
        "GET /employees and POST /employees, two routes, give Allow: GET.",
        why="Werkzeug collects methods across all rules for the URL; Starlette stops at the "
        "first route with a partial match.",
        bridge="Serve one path's verbs from one api_route(methods=[...]), or set Allow in a "
        "405 exception handler from the app's route table.",
        link="https://www.starlette.io/routing/",
        aspects=frozenset({"header:allow"}),
        impact="visible but compatible",
        impact_reason=(
            "Both answer 405; the Allow header, which clients rarely read, lists different methods."
        ),
    ),
    AcceptedDifference(
        id="cors-preflight-response",
        pairs=PORTED_FIRST,
        unbridged=(
            "Starlette's CORSMiddleware is kept: the bridge would be a CORS implementation of our "
            "own, security code, for an answer on which a browser acts the same (wire only)."
        ),
        title="An accepted CORS preflight: flask-cors echoes, Starlette lists",
        reference_does="200, empty text/html with Allow; Allow-Headers echoes only the requested "
        "headers; Expose-Headers is sent too.",
        candidate_does='200 "OK" text/plain; Allow-Headers lists the safelisted and configured '
        "headers; no Expose-Headers, no Allow.",
        why="flask-cors decorates Flask's automatic OPTIONS response; Starlette's "
        "CORSMiddleware answers the preflight itself before routing.",
        bridge="None needed by browsers: both grant the same request. A client that reads "
        "the preflight body or Allow would need a custom preflight response.",
        link="https://www.starlette.io/middleware/#corsmiddleware",
        aspects=frozenset(
            {
                "content-type",
                "body",
                "header:allow",
                "header:vary",
                "header:access-control-allow-headers",
                "header:access-control-expose-headers",
            }
        ),
        impact="wire only",
        impact_reason=(
            "Both grant the method and headers the page asked for, so the browser sends the "
            "request either way."
        ),
    ),
    AcceptedDifference(
        id="cors-preflight-rejection",
        pairs=PORTED_FIRST,
        unbridged=(
            "Starlette's CORSMiddleware is kept: the bridge would be a CORS implementation of our "
            "own, security code, for an answer on which a browser acts the same (wire only)."
        ),
        title="A refused CORS preflight: 200 without grants vs 400 with an explanation",
        reference_does="200 (Flask's automatic OPTIONS) without Access-Control-Allow-Origin, or "
        "without the method or header grant; the browser then blocks the request.",
        candidate_does='400 text/plain "Disallowed CORS origin" (or method, or headers), still '
        "listing the allowed methods, headers, max age and credentials.",
        why="flask-cors never changes the status, it only withholds headers; Starlette "
        "rejects the preflight outright.",
        bridge="None needed by browsers, which block in both cases; a FastAPI middleware "
        "in front of CORSMiddleware could turn its 400 into an empty 200.",
        link="https://flask-cors.readthedocs.io/en/latest/api.html",
        aspects=frozenset(
            {
                "status",
                "content-type",
                "body",
                "header:allow",
                "header:vary",
                "header:access-control-allow-credentials",
                "header:access-control-allow-methods",
                "header:access-control-allow-headers",
                "header:access-control-expose-headers",
                "header:access-control-max-age",
            }
        ),
        impact="wire only",
        impact_reason=(
            "Neither grants what was asked, so the browser refuses the request either way; a "
            "page never sees a preflight's status."
        ),
    ),
    AcceptedDifference(
        id="cors-origin-case",
        pairs=PORTED_FIRST,
        unbridged=(
            "Starlette's CORSMiddleware is kept: the bridge would be a CORS implementation of our "
            "own, security code, for an answer on which a browser acts the same (wire only)."
        ),
        title="An upper-case origin: flask-cors accepts it, Starlette refuses it",
        reference_does=(
            "HTTPS://ALLOWED.EXAMPLE matches https://allowed.example and is echoed back."
        ),
        candidate_does="The origin is compared exactly, so the preflight is refused.",
        why="flask-cors compares origins case-insensitively; Starlette compares strings. "
        "Browsers send origins lower-case, so only hand-made requests see this.",
        bridge="List each origin as browsers send it (lower-case); use allow_origin_regex "
        "with (?i) to accept other spellings in FastAPI.",
        link="https://flask-cors.readthedocs.io/en/latest/api.html",
        aspects=frozenset(
            {
                "header:access-control-allow-origin",
                "header:access-control-allow-headers",
                "header:access-control-expose-headers",
            }
        ),
        impact="wire only",
        impact_reason=(
            "Browsers send the origin lower-cased, so no browser request reaches either behaviour."
        ),
    ),
    AcceptedDifference(
        id="cors-disallowed-simple-request",
        pairs=PORTED_FIRST,
        unbridged=(
            "Starlette's CORSMiddleware is kept: the bridge would be a CORS implementation of our "
            "own, security code, for an answer on which a browser acts the same (wire only)."
        ),
        title="A simple request from a disallowed origin: Starlette still adds two headers",
        reference_does="No CORS headers at all.",
        candidate_does=(
            "Access-Control-Allow-Credentials and Access-Control-Expose-Headers, without "
            "Access-Control-Allow-Origin (so the browser still blocks the response)."
        ),
        why="Starlette adds its simple headers before checking the origin and only "
        "withholds Allow-Origin.",
        bridge="None needed: without Allow-Origin the browser blocks either response.",
        link="https://www.starlette.io/middleware/#corsmiddleware",
        aspects=frozenset(
            {"header:access-control-allow-credentials", "header:access-control-expose-headers"}
        ),
        impact="wire only",
        impact_reason=(
            "Without Access-Control-Allow-Origin the browser blocks the response from either app."
        ),
    ),
    AcceptedDifference(
        id="empty-response-content-type",
        pairs=TWINS_ONLY,
        bridged_by="routing.EmptyResponseMimetypeMiddleware",
        title="A 204 No Content carries a different Content-Type",
        reference_does="text/html; charset=utf-8 (Response's default mimetype).",
        candidate_does="application/json (the route's default response class).",
        why="Each framework's default response class labels even an empty body.",
        bridge='Return Response(status_code=204, media_type="text/html; charset=utf-8") in '
        "FastAPI; better, neither should label an empty body.",
        link="https://fastapi.tiangolo.com/advanced/custom-response/#response",
        aspects=frozenset({"content-type"}),
        impact="wire only",
        impact_reason="A 204 has no body, so no client reads its Content-Type.",
    ),
    AcceptedDifference(
        id="jsonify-encoding",
        pairs=TWINS_ONLY,
        bridged_by="json.FlaskJSONResponse",
        title="jsonify escapes non-ASCII text and ends with a newline",
        reference_does=(
            'Bodies built by jsonify read "zo\\u00eb" and end with "\\n" (model responses, '
            "serialised by pydantic, do not)."
        ),
        candidate_does='UTF-8 text ("zoë") and no trailing newline.',
        why="Flask's DefaultJSONProvider has ensure_ascii=True and appends a newline; "
        "FastAPI's JSONResponse writes UTF-8 compactly.",
        bridge="A FastAPI JSONResponse subclass whose render uses json.dumps(ensure_ascii="
        'True, separators=(",", ":")) + "\\n"; or app.json.ensure_ascii = False in Flask.',
        link="https://flask.palletsprojects.com/en/stable/api/"
        "#flask.json.provider.DefaultJSONProvider",
        aspects=frozenset({"body"}),
        impact="visible but compatible",
        impact_reason=(
            "The JSON parses to the same values; only a client that compares or signs the raw"
            " bytes sees the escapes and the newline."
        ),
    ),
    AcceptedDifference(
        id="static-file-headers",
        pairs=TWINS_ONLY,
        bridged_by="static.FlaskStaticFiles",
        title="Static files: Cache-Control, Accept-Ranges and Content-Disposition",
        reference_does=(
            "Cache-Control: no-cache and Content-Disposition: inline; filename=… on every "
            "static answer, and Accept-Ranges on a 304."
        ),
        candidate_does="No Cache-Control, no Content-Disposition; no Accept-Ranges on a 304.",
        why="Flask's send_file sets no-cache while SEND_FILE_MAX_AGE_DEFAULT is None and "
        "always names the file; Starlette's FileResponse sets no caching policy and names a "
        "file only when given filename=.",
        bridge="A StaticFiles subclass whose file_response adds Cache-Control: no-cache.",
        link="https://flask.palletsprojects.com/en/stable/config/#SEND_FILE_MAX_AGE_DEFAULT",
        aspects=frozenset(
            {"header:cache-control", "header:accept-ranges", "header:content-disposition"}
        ),
        impact="visible but compatible",
        impact_reason=(
            "Browsers revalidate Flask's files on every use (no-cache) and may reuse "
            "FastAPI's heuristically; both serve the same bytes."
        ),
    ),
    AcceptedDifference(
        id="multipart-file-missing",
        pairs=TWINS_ONLY,
        bridged_by="errors.flask_pydantic_validation_errors",
        title="An upload without the file field: 400 vs 422",
        reference_does='400 {"detail": "Send the file as multipart/form-data in a field named '
        "'file'.\"}, from the view, which reads request.files itself.",
        candidate_does='422 {"detail": [{"type": "missing", "loc": ["body", "file"], ...}]}',
        why="Flask has no declared form parameters; FastAPI validates UploadFile = File() "
        "like any other parameter.",
        bridge="In FastAPI's RequestValidationError handler, answer 400 with the same detail "
        'for a missing ["body", "file"].',
        link="https://fastapi.tiangolo.com/tutorial/request-files/",
        aspects=frozenset({"status", "body"}),
        impact="visible but compatible",
        impact_reason=(
            "Only a client that names the field wrongly gets either answer; both refuse it "
            "with a 4xx."
        ),
    ),
    AcceptedDifference(
        id="docs-builtin",
        pairs=PORTED_LAST,
        unbridged=(
            "FastAPI's docs are part of what it is for: compat mode keeps /docs, /redoc and "
            "/openapi.json, and they describe what compat mode answers."
        ),
        title="API docs: none in Flask, /openapi.json, /docs and /redoc in FastAPI",
        reference_does="404 for all three paths.",
        candidate_does="The OpenAPI schema, Swagger UI and ReDoc, generated from the routes.",
        why="FastAPI builds the schema from type hints; Flask needs an extension "
        "(flask-smorest, APIFlask, spectree) for the same.",
        bridge="FastAPI(openapi_url=None, docs_url=None, redoc_url=None) answers like Flask.",
        link="https://fastapi.tiangolo.com/tutorial/metadata/#docs-urls",
        aspects=frozenset({"status", "content-type", "body"}),
        impact="visible but compatible",
        impact_reason=(
            "FastAPI adds /docs, /redoc and /openapi.json; no client of the Flask app uses them."
        ),
    ),
    AcceptedDifference(
        id="admin-ui",
        pairs=PORTED_LAST,
        unbridged=(
            "The admin is a different application for people, not an API: SQLAdmin cannot answer "
            "as Flask-Admin does."
        ),
        title="The admin: Flask-Admin and SQLAdmin are different applications",
        reference_does="Flask-Admin's Bootstrap pages; the employee list at /admin/employee/.",
        candidate_does="SQLAdmin's Tabler pages; the employee list at /admin/employee/list.",
        why="Two libraries over the same table; both sit behind the same Basic credentials.",
        bridge="None: a human UI, not an API. Links into the admin must change with it.",
        link="https://aminalaee.dev/sqladmin/",
        aspects=frozenset({"body"}),
        impact="visible but compatible",
        impact_reason="People see a different admin application; no API client is involved.",
    ),
    AcceptedDifference(
        id="unhandled-error-body",
        pairs=TWINS_ONLY,
        bridged_by="server_errors.FlaskServerErrorMiddleware",
        title="An unhandled exception: Werkzeug's HTML 500 vs Starlette's plain text",
        reference_does="500 with Werkzeug's Internal Server Error HTML page.",
        candidate_does='500 text/plain "Internal Server Error".',
        why="Each framework's last-resort handler renders its own default page.",
        bridge="app.add_exception_handler(Exception, ...) in FastAPI returning the HTML page "
        "(or JSON in both).",
        link="https://www.starlette.io/exceptions/",
        aspects=HTML_ERROR,
        impact="visible but compatible",
        impact_reason="Both answer 500; clients do not parse the body of a server error.",
    ),
    AcceptedDifference(
        id="errors-outside-cors",
        pairs=TWINS_ONLY,
        bridged_by="server_errors.FlaskServerErrorMiddleware",
        title="Answers FastAPI makes outside CORS (an unhandled 500, a refused Host): no Vary",
        reference_does="The 500 of an unhandled error and the 400 for a foreign Host pass through "
        "flask-cors and the Vary hook like any response: Vary: Origin, and the CORS headers "
        "when the origin is allowed.",
        candidate_does=(
            "Starlette's ServerErrorMiddleware and the TrustedHostMiddleware sit outside "
            "CORSMiddleware, so their 500 and 400 carry no Vary and no CORS headers."
        ),
        why="Flask's after_request hooks run on every response Flask makes, its error pages "
        "included; Starlette's middleware only decorates the responses of the layers inside "
        "it. ServerErrorMiddleware is always the outermost, and the host check is outermost on "
        "purpose, so that a foreign Host reaches nothing.",
        bridge="An exception handler for Exception (app.add_exception_handler(Exception, ...)) "
        "runs inside the stack, so the 500 it returns passes through CORS; a refused Host "
        "needs no CORS headers, since no page of an allowed origin sends one.",
        link="https://www.starlette.io/middleware/#corsmiddleware",
        aspects=frozenset(
            {
                "header:vary",
                "header:access-control-allow-origin",
                "header:access-control-allow-credentials",
                "header:access-control-expose-headers",
            }
        ),
        impact="visible but compatible",
        impact_reason=(
            "An API client sees the same status; a cross-origin page cannot read FastAPI's "
            "500 at all, but it gets no data from either, and no cache stores either answer."
        ),
    ),
    AcceptedDifference(
        id="untrusted-host-page",
        pairs=TWINS_ONLY,
        bridged_by="hosts.WerkzeugHostRefusal",
        title="A foreign Host: Werkzeug's HTML page naming it vs Starlette's plain text",
        reference_does=(
            "400 with Werkzeug's Bad Request page: \"Host 'evil.example' is not trusted.\" "
            "(the name HTML-escaped)."
        ),
        candidate_does='400 text/plain "Invalid host header" from TrustedHostMiddleware.',
        why="Flask checks TRUSTED_HOSTS when it reads request.host and raises SecurityError, "
        "a BadRequest that Werkzeug renders as its page; Starlette's middleware answers "
        "with a fixed text.",
        bridge="TrustedHostMiddleware's decision with Werkzeug's page as the refusal, or an "
        "error handler for SecurityError in Flask answering the plain text.",
        link="https://werkzeug.palletsprojects.com/en/stable/exceptions/",
        aspects=HTML_ERROR,
        impact="visible but compatible",
        impact_reason=(
            "Both refuse with 400; a client that sends a foreign Host is misconfigured and "
            "does not parse the body of the refusal."
        ),
    ),
    AcceptedDifference(
        id="trusted-host-case",
        pairs=PORTED_FIRST,
        # Before Starlette 1.9 TrustedHostMiddleware compared the Host as written too: see
        # upper-case-host-both-refuse and upper-case-host-flask-serves.
        versions=frozenset({"flask>=3.1", "starlette>=1.9"}),
        unbridged=(
            "Flask's answer is the wrong one (host names are case-insensitive, RFC 3986): the "
            "bridge belongs in front of Flask, not in FastAPI."
        ),
        title="An allowed host name in upper case: Werkzeug refuses it, Starlette accepts it",
        reference_does=(
            "400 for Host: LOCALHOST when localhost is allowed: TRUSTED_HOSTS is compared "
            "as written."
        ),
        candidate_does="200: TrustedHostMiddleware lower-cases the Host header before comparing "
        "(from Starlette 1.9).",
        why="Host names are case-insensitive (RFC 3986 section 3.2.2); Werkzeug's "
        "host_is_trusted compares the IDNA-encoded name without folding case. Browsers send "
        "host names in lower case, so only hand-made requests see this.",
        bridge="A WSGI middleware in front of Flask that lower-cases HTTP_HOST, or list each "
        "spelling in TRUSTED_HOSTS.",
        link="https://www.rfc-editor.org/rfc/rfc3986#section-3.2.2",
        aspects=frozenset({"status", "content-type", "body"}),
        impact="visible but compatible",
        impact_reason=(
            "Browsers send host names in lower case; only a hand-made request with an "
            "upper-case Host sees a 400 from Flask."
        ),
    ),
    AcceptedDifference(
        id="converter-rejection-method-not-allowed",
        pairs=PORTED_FIRST,
        unbridged=(
            "Werkzeug's answer depends on the order of its rules; compat mode answers 404, as "
            "Flask does for GET, rather than copy the quirk."
        ),
        title="An id a converter refuses, with PUT, PATCH or DELETE: 405 vs 422",
        reference_does="405 with an Allow header listing the other routes of the path (DELETE "
        "/employees/9223372036854775808 gives Allow: GET, HEAD, OPTIONS, PATCH, PUT), where "
        "GET gives 404; none of those methods would work either.",
        candidate_does="422: the id fails validation, whatever the method.",
        why="Werkzeug's state-machine matcher picks the first rule whose method matches and "
        "only then runs its converter: when int(max=...) refuses the value, the methods of the "
        "rules passed over become a 405's Allow, so the answer depends on rule order.",
        bridge="In Flask, a converter whose regex cannot match an out-of-range id (at most 19 "
        "digits, checked in to_python without a ValidationError), or one view per path that "
        "dispatches on the method; in FastAPI, a 422-to-405 handler would copy the quirk.",
        link="https://werkzeug.palletsprojects.com/en/stable/routing/#custom-converters",
        aspects=frozenset({"status", "content-type", "body", "header:allow"}),
        impact="visible but compatible",
        impact_reason=(
            "Only a request for an id no row can have (beyond 64 bits) gets either answer; "
            "both refuse it with a 4xx."
        ),
    ),
    AcceptedDifference(
        id="path-integer-spellings",
        pairs=PORTED_FIRST,
        unbridged=(
            "Which text is an id is for the route to say, and compat mode works around the "
            "routes, not inside them: the bridge is a change to the FastAPI route's parameter "
            "(below), after which compat mode already answers the refusal as Flask's 404."
        ),
        title="An integer id spelled another way (+42, 42.0, a space, 4_2, -0): FastAPI reads "
        "it, Flask answers 404",
        reference_does=(
            "404, Werkzeug's HTML page: the int converter matches digits only, so a sign, a "
            "decimal point, whitespace or an underscore leaves no rule matching the path."
        ),
        candidate_does="The id as pydantic reads it: /employees/+42, /employees/42.0, "
        "/employees/%2042 (or a no-break space) and /employees/4_2 are employee 42 (200, and "
        "204 for a DELETE); /employees/-0 asks for employee 0, a JSON 404.",
        why="Werkzeug types a path segment while routing, with a regular expression; FastAPI "
        "routes on the path's shape and validates the segment in pydantic's lax mode, which "
        "strips whitespace, takes a sign and underscores as Python's int() does, and a zero "
        "fraction besides.",
        bridge="In FastAPI, take the segment as text of ASCII digits, Annotated[str, Path("
        'pattern="^[0-9]+$")], and convert it with int() (or give the int a BeforeValidator '
        "that refuses other text): every other spelling is then a 422, which compat mode "
        "answers as Flask's 404.",
        link="https://docs.pydantic.dev/latest/concepts/conversion_table/",
        aspects=frozenset({"status", "content-type", "body"}),
        impact="visible but compatible",
        impact_reason=(
            "A client writes an id's URL from the id the API gave it, in plain digits; only a "
            "hand-made URL meets either answer. FastAPI then serves one employee at several "
            "URLs, which a cache or a rule per path tells apart."
        ),
    ),
    AcceptedDifference(
        id="path-non-ascii-digits",
        pairs=PORTED_FIRST,
        unbridged=(
            "Flask's answer is the one to change: compat mode refuses these ids as Flask "
            "refuses every other non-id (its 404 page), and copying Flask would mean serving, "
            "changing and deleting rows at URLs no client was given."
        ),
        title="An integer id in non-ASCII digits (Arabic-Indic, full-width): Flask reads it, "
        "FastAPI answers 422",
        reference_does="/employees/\u0664\u0662 and /employees/\uff14\uff12 are employee 42: 200 "
        "to GET, PUT and PATCH, 204 to DELETE.",
        candidate_does="422 int_parsing: the id must be written in ASCII digits.",
        why="Werkzeug's int converter matches \\d+, which in a Python str pattern is any "
        "Unicode decimal digit, and int() reads them all; pydantic's integer parser reads "
        "ASCII digits only.",
        bridge='In Flask, a BaseConverter subclass with regex = "[0-9]+" registered in '
        "app.url_map.converters in place of int: these ids then match no rule (404), as "
        "compat mode answers.",
        link="https://werkzeug.palletsprojects.com/en/stable/routing/#built-in-converters",
        aspects=frozenset({"status", "content-type", "body"}),
        impact="visible but compatible",
        impact_reason=(
            "Ids are given out in ASCII digits, so only a hand-typed URL meets either answer "
            "(full-width digits come from East Asian input methods); then Flask acts on an "
            "employee at a URL nobody was given, and FastAPI refuses it."
        ),
    ),
    AcceptedDifference(
        id="path-uuid-spellings",
        pairs=PORTED_LAST,
        unbridged=(
            "Which text is an id is for the route to say, and compat mode works around the "
            "routes, not inside them: the bridge is a change to the FastAPI route's parameter "
            "(below), after which compat mode already answers the refusal as Flask's 404."
        ),
        title="A UUID without hyphens, in braces or as a URN: FastAPI reads it, Flask answers 404",
        reference_does="404, Werkzeug's HTML page: the uuid converter matches the hyphenated "
        "8-4-4-4-12 form only (in either case).",
        candidate_does="The upload: the 32 hex digits alone, {...} around the UUID and urn:uuid: "
        "before it are read as the same UUID (200).",
        why="Werkzeug's UUIDConverter spells out the hyphenated form in its regular "
        "expression; pydantic parses a UUID with the Rust uuid crate, which also takes the "
        "simple, braced and URN forms.",
        bridge="In FastAPI, take the segment as text in the hyphenated form, Annotated[str, "
        "Path(pattern=...)] with the 8-4-4-4-12 pattern, and convert it with uuid.UUID(): "
        "other forms are then a 422, which compat mode answers as Flask's 404. (Starlette's "
        "{upload_id:uuid} convertor makes the hyphens optional, so it is no bridge.)",
        link="https://docs.pydantic.dev/latest/api/standard_library_types/#uuid",
        aspects=frozenset({"status", "content-type", "body"}),
        impact="visible but compatible",
        impact_reason=(
            "A client writes an upload's URL from the id the API gave it, hyphenated; only a "
            "hand-made URL meets either answer, and FastAPI then serves one upload at several "
            "URLs."
        ),
    ),
    AcceptedDifference(
        id="multipart-parse-error",
        pairs=TWINS_ONLY,
        bridged_by="errors.werkzeug_http_errors",
        title="A multipart body without a boundary: Werkzeug reads no parts, Starlette refuses",
        reference_does="The form parser finds no parts, so the view answers its own 400 (no file).",
        candidate_does='400 {"detail": "Missing boundary in multipart."} from Starlette\'s parser.',
        why="Werkzeug treats a multipart body it cannot split as an empty form; Starlette's "
        "parser raises, and FastAPI answers 400 with the parser's message.",
        bridge="Both are 400s; for the same body, check the Content-Type's boundary parameter "
        "in the Flask view before reading request.files.",
        link="https://www.starlette.io/requests/#request-files",
        aspects=frozenset({"body"}),
        impact="visible but compatible",
        impact_reason="Only a malformed multipart body gets either answer, and both are 400s.",
    ),
    AcceptedDifference(
        id="basic-challenge-realm",
        pairs=TWINS_ONLY,
        bridged_by="security.FlaskBasic",
        title="Credentials missing or unreadable: FastAPI's HTTPBasic challenges without a realm",
        reference_does="The view reads request.authorization (None for a missing, malformed or "
        'non-Basic header) and challenges with WWW-Authenticate: Basic realm="AUTH_REALM".',
        candidate_does="HTTPBasic() answers a missing, malformed or non-Basic Authorization header "
        "itself, before the handler runs: 401 with WWW-Authenticate: Basic, no realm.",
        why="FastAPI's security classes take their realm when they are built, at import time "
        "in its tutorial (HTTPBasic(realm=...)), so a realm read from Settings can only reach "
        "the handler's own refusals; Flask leaves the whole refusal to the view.",
        bridge="A dependency that reads the realm from Settings and challenges with it "
        "(HTTPBasic subclass), or HTTPBasic(realm=...) with the realm fixed in code.",
        link="https://fastapi.tiangolo.com/advanced/security/http-basic-auth/",
        aspects=frozenset({"header:www-authenticate"}),
        impact="visible but compatible",
        impact_reason=(
            "Both answer 401 with a Basic challenge; only the realm a browser shows in its "
            "login prompt differs, and no client branches on it."
        ),
    ),
    AcceptedDifference(
        id="basic-credentials-ascii",
        pairs=TWINS_ONLY,
        bridged_by="security.FlaskBasic",
        title="Basic credentials beyond ASCII: Werkzeug decodes UTF-8, FastAPI refuses them",
        reference_does=(
            "Werkzeug decodes the credentials as UTF-8, as browsers send them (RFC 7617): a "
            "user named jörg is let in."
        ),
        candidate_does="HTTPBasic decodes them as ASCII and answers 401 (WWW-Authenticate: Basic) "
        "to any byte beyond it, before the handler runs.",
        why="fastapi.security.HTTPBasic calls .decode('ascii') on the base64 payload; "
        "Werkzeug's Authorization parser decodes UTF-8.",
        bridge="A Basic dependency that decodes UTF-8 (HTTPBasic subclass), in "
        "dependency_overrides and as the reader of the SQLAdmin backend, which is no "
        "dependency.",
        link="https://datatracker.ietf.org/doc/html/rfc7617#section-2.1",
        aspects=frozenset({"status", "body", "header:www-authenticate"}),
        impact="breaks clients",
        impact_reason=(
            "A user whose name or password is not ASCII, who signs in today, is refused "
            "after the move: every request of that client fails with 401."
        ),
    ),
    AcceptedDifference(
        id="process-time-outside-server-errors",
        pairs=TWINS_ONLY,
        bridged_by="server_errors.FlaskServerErrorMiddleware",
        title="An unhandled error's 500 carries no X-Process-Time in FastAPI",
        reference_does=(
            "The timing middleware wraps app.wsgi_app, outside Flask's own error handling, so "
            "the 500 page carries X-Process-Time like every response."
        ),
        candidate_does="Starlette's ServerErrorMiddleware sits outside every middleware given to "
        "add_middleware, so the 500 it sends never passes the timer.",
        why="Starlette builds its stack as ServerErrorMiddleware, then the user's middleware, "
        "then ExceptionMiddleware; Flask leaves the WSGI callable to wrap as one likes.",
        bridge="An exception handler for Exception, or a middleware inside the timer that "
        "turns an unhandled error into the 500, so that the answer passes through the timer; "
        "or wrap the built app's stack (override build_middleware_stack).",
        link="https://www.starlette.io/middleware/#using-middleware",
        aspects=frozenset({"header:x-process-time"}),
        impact="wire only",
        impact_reason=(
            "A diagnostic header on a server error; no client acts on it, and the status "
            "and the error are the same."
        ),
    ),
    # Found by the drift matrix (docs/drift.md): differences of older releases only.
    AcceptedDifference(
        id="cors-vary-without-origin",
        pairs=TWINS_ONLY,
        versions=frozenset({"starlette<1.7"}),
        unbridged="Neither answer is wrong: a cache keyed without Origin is only a risk where "
        "the answer depends on it, and older Starlette sends Vary whenever it does.",
        title="A request without an allowed Origin: flask-cors says Vary: Origin, older "
        "Starlette says nothing",
        reference_does="Vary: Origin on every response, whatever Origin the request had.",
        candidate_does="No Vary header unless the request carried an allowed Origin.",
        why="Older Starlette's CORSMiddleware passed a request without an allowed Origin "
        "through untouched; the matrix sees later releases add Vary: Origin there too.",
        bridge="Upgrade Starlette, or a pure ASGI middleware that adds Vary: Origin to every "
        "response.",
        link="https://www.starlette.io/release-notes/",
        aspects=frozenset({"header:vary"}),
        impact="wire only",
        impact_reason="A browser or client acts the same; only a shared cache could store one "
        "answer for every origin, and without Origin the answer does not depend on it.",
    ),
    AcceptedDifference(
        id="flask-serves-any-host",
        pairs=TWINS_ONLY,
        versions=frozenset({"flask<3.1"}),
        unbridged="TRUSTED_HOSTS as configuration arrived in Flask 3.1: before it, the Host check "
        "belongs in a WSGI middleware or the proxy in front of Flask.",
        title="A foreign Host before Flask 3.1: Flask serves it, Starlette refuses it",
        reference_does="The usual answer (200 for GET /) whatever the Host: the TRUSTED_HOSTS "
        "setting is ignored.",
        candidate_does='400 text/plain "Invalid host header" from TrustedHostMiddleware.',
        why="Flask reads app.config['TRUSTED_HOSTS'] only from 3.1 on; older releases check "
        "trusted hosts only when request.trusted_hosts is set by hand.",
        bridge="On older Flask, set Request.trusted_hosts in a request subclass, or refuse the "
        "Host in a WSGI middleware or the proxy.",
        link="https://flask.palletsprojects.com/en/stable/config/#TRUSTED_HOSTS",
        aspects=frozenset(
            {"status", "content-type", "body", "header:vary", "header:www-authenticate"}
        ),
        impact="visible but compatible",
        impact_reason="Only a client that sends a foreign Host sees it: a misconfigured one, or "
        "an attack that older Flask lets through.",
    ),
    AcceptedDifference(
        id="admin-vary-cookie",
        pairs=TWINS_ONLY,
        versions=frozenset({"flask<3.1.3"}),
        unbridged="A header for caches only; upgrading Flask adds it.",
        title="The admin before Flask 3.1.3: no Vary: Cookie from Flask, Vary: Cookie from "
        "SQLAdmin",
        reference_does="Vary: Origin only, although the page reads the session.",
        candidate_does="Vary: Cookie, Origin: Starlette's session middleware marks it.",
        why="The matrix sees Flask add Vary: Cookie to this session-reading page from 3.1.3 "
        "on, and not before (bisected); SQLAdmin's session middleware does on most releases.",
        bridge="Upgrade Flask, or add Vary: Cookie in an after_request of the admin.",
        link="https://flask.palletsprojects.com/en/stable/changes/",
        aspects=frozenset({"header:vary"}),
        impact="wire only",
        impact_reason="Browsers act the same; a shared cache would need the header, and the "
        "admin is behind credentials that caches do not store.",
    ),
    AcceptedDifference(
        id="body-limit-bad-request",
        pairs=TWINS_ONLY,
        versions=frozenset({"werkzeug<2.3"}),
        unbridged="Werkzeug 2.3 answers 413 itself: upgrading it is the bridge.",
        title="A body over the limit before Werkzeug 2.3: 400 vs 413",
        reference_does="400 Bad Request (HTML): reading the JSON body past MAX_CONTENT_LENGTH "
        "fails as a bad request.",
        candidate_does='413 {"detail": "Request body over 65536 bytes"} from the body limit.',
        why="The matrix sees Werkzeug refuse a JSON body over MAX_CONTENT_LENGTH with 400 "
        "before 2.3 and with 413 from 2.3 on; the FastAPI twin's body limit answers 413.",
        bridge="Upgrade Werkzeug, or check request.content_length against "
        "MAX_CONTENT_LENGTH in a before_request and abort(413).",
        link="https://werkzeug.palletsprojects.com/en/stable/changes/",
        aspects=frozenset({"status"}),
        impact="visible but compatible",
        impact_reason="Both refuse the body with a 4xx; a client that branches on 413 to "
        "shrink its upload gets a 400 instead.",
    ),
    AcceptedDifference(
        id="basic-malformed-credentials-detail",
        pairs=TWINS_ONLY,
        versions=frozenset({"fastapi<0.122"}),
        unbridged="Both refuse with 401 and a challenge; only the wording of FastAPI's detail "
        "changed between releases.",
        title="Unreadable Basic credentials on older FastAPI: a detail of its own",
        reference_does='401 {"detail": "Not authenticated"}, as for no credentials at all.',
        candidate_does='401 {"detail": "Invalid authentication credentials"}.',
        why="The matrix sees older HTTPBasic word its refusal of credentials it cannot decode "
        "differently from its refusal of none; later releases use one wording for both.",
        bridge="Upgrade FastAPI, or catch the 401 in an exception handler and answer the "
        "wording Flask's twin uses.",
        link="https://fastapi.tiangolo.com/release-notes/",
        aspects=frozenset({"body $.detail"}),
        impact="visible but compatible",
        impact_reason="Both answers are 401 with a Basic challenge; only a client that shows "
        "the detail to a person sees other words.",
    ),
    AcceptedDifference(
        id="cors-disallowed-origin-headers",
        pairs=TWINS_ONLY,
        versions=frozenset({"starlette<0.39"}),
        unbridged="Browsers refuse the response either way: no Access-Control-Allow-Origin is "
        "sent for the disallowed origin.",
        title="A disallowed origin on older Starlette: credential and expose headers sent anyway",
        reference_does="No CORS header but Vary: Origin.",
        candidate_does="Access-Control-Allow-Credentials and Access-Control-Expose-Headers, "
        "without Access-Control-Allow-Origin.",
        why="The matrix sees older Starlette's CORSMiddleware add its simple headers before it "
        "checks the origin; later releases add them only for an allowed origin.",
        bridge="Upgrade Starlette; the headers are harmless without Allow-Origin.",
        link="https://www.starlette.io/middleware/#corsmiddleware",
        aspects=frozenset(
            {"header:access-control-allow-credentials", "header:access-control-expose-headers"}
        ),
        impact="wire only",
        impact_reason="Without Access-Control-Allow-Origin a browser blocks the response "
        "either way; other clients ignore CORS headers.",
    ),
    AcceptedDifference(
        id="static-range-ignored",
        pairs=TWINS_ONLY,
        versions=frozenset({"starlette<0.39"}),
        unbridged="Upgrading Starlette is the bridge: its FileResponse answers ranges itself.",
        title="A range of a static file on older Starlette: 206 vs the whole file",
        reference_does="206 Partial Content with the bytes asked for.",
        candidate_does="200 with the whole file: the Range header is ignored.",
        why="The matrix sees Starlette's FileResponse answer Range requests only from 0.39 "
        "on; Werkzeug's send_file has long answered them.",
        bridge="Upgrade Starlette, or serve static files from the proxy in front.",
        link="https://www.starlette.io/release-notes/",
        aspects=frozenset(
            {
                "status",
                "body",
                "header:content-range",
                "header:content-length",
                "header:accept-ranges",
            }
        ),
        impact="visible but compatible",
        impact_reason="A client that asks for a range and reads the status gets the whole "
        "file; one that resumes a download starts over.",
    ),
    AcceptedDifference(
        id="upper-case-host-both-refuse",
        pairs=TWINS_ONLY,
        versions=frozenset({"flask>=3.1", "starlette<1.9"}),
        unbridged="Both refuse the host; only the page differs, as for any untrusted host.",
        title="An allowed host name in upper case before Starlette 1.9: both refuse it, each "
        "with its own page",
        reference_does="400 with Werkzeug's HTML page: TRUSTED_HOSTS is compared as written.",
        candidate_does='400 text/plain "Invalid host header", without Vary (the refusal comes '
        "before CORS, as in errors-outside-cors): TrustedHostMiddleware compared the Host as "
        "written too.",
        why="The matrix sees Starlette fold the Host's case only from 1.9 on; before it, an "
        "upper-case spelling of an allowed host was as foreign to it as to Werkzeug.",
        bridge="As for untrusted-host-page: a client should not depend on the page of a refusal.",
        link="https://www.starlette.io/middleware/#trustedhostmiddleware",
        aspects=frozenset({"content-type", "body", "header:vary"}),
        impact="wire only",
        impact_reason="Both answer 400; only the refusal's page differs, and browsers never "
        "send an upper-case Host.",
    ),
    AcceptedDifference(
        id="upper-case-host-flask-serves",
        pairs=TWINS_ONLY,
        versions=frozenset({"flask<3.1", "starlette<1.9"}),
        unbridged="Before Flask 3.1 Flask checks no host at all; the bridge is the one of "
        "flask-serves-any-host.",
        title="An allowed host name in upper case on Flask 3.0 and Starlette before 1.9: Flask "
        "serves it, Starlette refuses it",
        reference_does="200: Flask before 3.1 reads no TRUSTED_HOSTS and serves any Host.",
        candidate_does='400 text/plain "Invalid host header", without the Vary: Origin of '
        "Flask's answer: TrustedHostMiddleware compares the Host as written.",
        why="Two changes meet: Flask 3.1 began to check hosts (case-sensitively), Starlette 1.9 "
        "began to fold their case. Between the two, each side answers the other's way round.",
        bridge="Lower-case the Host in the proxy in front of both, or upgrade Starlette.",
        link="https://www.rfc-editor.org/rfc/rfc3986#section-3.2.2",
        aspects=frozenset({"status", "content-type", "body", "header:vary"}),
        impact="visible but compatible",
        impact_reason="Browsers send host names in lower case; only a hand-made request with "
        "an upper-case Host is refused by FastAPI.",
    ),
    AcceptedDifference(
        id="flask-pydantic-async-view",
        pairs=TWINS_ONLY,
        versions=frozenset({"flask-pydantic<0.13.2"}),
        unbridged="flask-pydantic 0.13.2 awaits an async view; before it the Flask twin's async "
        "route cannot answer at all, so upgrading is the bridge.",
        title="An async view under flask-pydantic before 0.13.2: a 500 from Flask",
        reference_does="500 with Werkzeug's HTML page: `validate` calls the async view and hands "
        "Flask the coroutine it returns, which Flask refuses as a response.",
        candidate_does="The answer of the async endpoint (200 JSON).",
        why="The matrix sees flask-pydantic's `validate` run the view through Flask's "
        "ensure_sync only from 0.13.2; before it, only a synchronous view can be validated.",
        bridge="Upgrade flask-pydantic, or write the view synchronously, or wrap the async view "
        "in `current_app.ensure_sync` inside a synchronous one.",
        link="https://github.com/pallets-eco/flask-pydantic/releases",
        aspects=frozenset({"status", "content-type", "body"}),
        impact="breaks clients",
        impact_reason="Every request to the async route fails with a 500 where FastAPI answers.",
    ),
    AcceptedDifference(
        id="flask-pydantic-raised-error",
        pairs=TWINS_ONLY,
        versions=frozenset({"flask-pydantic<0.14"}),
        unbridged="flask-pydantic 0.14 writes a validator's exception as its message and type; "
        "before it, upgrading (or a JSON encoder that knows exceptions) is the bridge.",
        title="A value a validator refuses by raising, under flask-pydantic before 0.14: a 500 "
        "from Flask",
        reference_does="500 with Werkzeug's HTML page: the validation error holds the "
        "ValueError the validator raised, and jsonify cannot write it.",
        candidate_does="422 with the error, its context's exception written as an empty object.",
        why="The matrix sees flask-pydantic put the exception object in the error's ctx before "
        "0.14 and its message and type from 0.14 on; pydantic itself hands over the object.",
        bridge="Upgrade flask-pydantic, or give the app a JSON provider whose default() writes "
        "an exception as its message.",
        link="https://github.com/pallets-eco/flask-pydantic/releases",
        aspects=frozenset({"status", "content-type", "body"}),
        impact="breaks clients",
        impact_reason="A request the client should hear is invalid gets a server error "
        "instead, which a client retries or reports as an outage.",
    ),
)

REGISTRY: dict[str, AcceptedDifference] = registry_of(ENTRIES)
