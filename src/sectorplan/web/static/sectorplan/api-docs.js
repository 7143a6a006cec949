// Starts Swagger UI on the API docs page. The page passes its settings in data attributes, so no
// inline script is needed (Content-Security-Policy: script-src 'self').
"use strict";

(function () {
  const root = document.getElementById("swagger-ui");
  if (!root || typeof SwaggerUIBundle === "undefined") {
    return;
  }
  let settings = {};
  try {
    settings = JSON.parse(root.dataset.settings || "{}");
  } catch (error) {
    console.error("API docs: unreadable settings", error);
  }
  const csrfHeader = root.dataset.csrfHeader;
  const csrfToken = root.dataset.csrfToken;
  const schemaUrl = root.dataset.schemaUrl;

  // The API uses the session log-in: state-changing requests from "Try it out" need the CSRF
  // token; GET requests go without it.
  const requestInterceptor = (request) => {
    if (!["GET", undefined].includes(request.method) && request.credentials === "same-origin") {
      request.headers[csrfHeader] = csrfToken;
    }
    return request;
  };

  window.ui = SwaggerUIBundle({
    url: schemaUrl,
    dom_id: "#swagger-ui",
    presets: [SwaggerUIBundle.presets.apis],
    layout: "BaseLayout",
    requestInterceptor,
    ...settings,
  });
})();
