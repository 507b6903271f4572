// Points Swagger UI at the server's MicroProfile OpenAPI document (JSON) and keeps the bearer token between reloads.
window.ui = SwaggerUIBundle({
  url: "/openapi",
  dom_id: "#swagger-ui",
  deepLinking: true,
  persistAuthorization: true
});
