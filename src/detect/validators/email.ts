// An address, not a file name that looks like one: `logo@2x.png`, `file@test.json`. The last label
// of a real address is a delegated top-level domain; these file extensions are not (md, rs, py, sh,
// pl, cc, mk, tf are country codes and stay addresses; zip and mov are real TLDs but far more often
// files in code).
const FILE_EXTENSIONS = new Set('json jsonc json5 js mjs cjs jsx ts tsx mts cts rb erb yml yaml xml html htm xhtml txt lock php go java kt kts scala groovy gradle swift dart lua css scss sass less png jpg jpeg gif svg webp ico bmp tif tiff pdf csv tsv log ini cfg conf toml env properties sql sqlite db zip gz tgz tar bz xz rar jar war exe dll bin dat bak tmp swp bat vue svelte hbs ejs haml twig tpl tmpl mustache proto graphql gql ipynb rst adoc tex doc docx xls xlsx ppt pptx odt pem crt cer der pfx jks patch diff plist csproj sln cpp hpp cxx hxx woff ttf otf eot wasm whl gem deb rpm dmg iso mov avi mkv webm wav ogg flac map min'.split(' '));

export function isEmailAddress(value: string): boolean {
  const tld = value.slice(value.lastIndexOf('.') + 1).toLowerCase();
  return !FILE_EXTENSIONS.has(tld);
}
