// The layering of ARCHITECTURE.md, enforced by `npm run lint`:
//   crds  ←  lib  ←  {stacks, policies, runtime}  ←  operator
// plus: production code never imports scripts/, bench/, training/ or a testing/ folder.
// "Production code" is every .ts file that is not a test (*.test.ts) or test support (a testing/ or
// testdata/ folder, a testing.ts, or Pulumi mocks).
const test = "(\\.test\\.ts$|/(testing|testdata)/|/testing\\.ts$|[^/]*mock[^/]*\\.ts$)";

/** A rule forbidding `from` (production files matching it) to import `to`. */
const layer = (name, comment, from, to) => ({
  name,
  comment,
  severity: "error",
  from: { path: from, pathNot: test },
  to: { path: to },
});

module.exports = {
  forbidden: [
    layer(
      "crds-imports-nothing",
      "crds/ is the wspec.io API package: it imports nothing of the project",
      "^crds/",
      "^(lib|stacks|policies|runtime|operator|scripts|bench|training)/",
    ),
    layer(
      "lib-imports-only-crds",
      "lib/ may import only crds/",
      "^lib/",
      "^(stacks|policies|runtime|operator|scripts|bench|training)/",
    ),
    layer(
      "stacks-below-operator",
      "stacks/ may import crds/ and lib/ only",
      "^stacks/",
      "^(policies|runtime|operator|scripts|bench|training)/",
    ),
    layer(
      "policies-below-operator",
      "policies/ may import crds/ and lib/ only",
      "^policies/",
      "^(stacks|runtime|operator|scripts|bench|training)/",
    ),
    layer(
      "runtime-below-operator",
      "runtime/ may import crds/ and lib/ only: never operator, stacks or policies",
      "^runtime/",
      "^(stacks|policies|operator|scripts|bench|training)/",
    ),
    layer(
      "operator-not-dev-tools",
      "the operator is production code: no scripts/, bench/ or training/",
      "^operator/",
      "^(scripts|bench|training)/",
    ),
    {
      name: "no-test-support-in-production",
      comment: "production code never imports a testing/ folder or a test file",
      severity: "error",
      from: { path: "^(crds|lib|stacks|policies|runtime|operator)/", pathNot: test },
      to: { path: test },
    },
    {
      name: "tests-keep-the-layers",
      comment:
        "a test may use dev tooling, but not a layer above its own (crds and lib tests see no runtime or operator)",
      severity: "error",
      from: { path: "^(crds|lib)/.*\\.test\\.ts$" },
      to: { path: "^(stacks|policies|runtime|operator)/" },
    },
    {
      name: "no-circular",
      comment: "no import cycle between production modules",
      severity: "error",
      from: { pathNot: test },
      to: { circular: true, pathNot: test },
    },
  ],
  options: {
    doNotFollow: { path: "node_modules" },
    exclude: { path: "^(node_modules|\\.wspec|\\.git)/" },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: "tsconfig.json" },
    enhancedResolveOptions: { extensions: [".ts", ".js", ".json"] },
  },
};
