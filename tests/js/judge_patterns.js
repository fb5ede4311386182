// The format's patterns in Node, as the page's checker compiles them ("u" flag), for
// tests/browser/test_format_agreement.py: same V8 as Chromium, without a page.
//
// stdin: [[pattern, [text, ...]], ...]
// stdout: [[true or false for each text], ...]
'use strict'

let text = ''
process.stdin.setEncoding('utf8')
process.stdin.on('data', (chunk) => { text += chunk })
process.stdin.on('end', () => {
  const cases = JSON.parse(text)
  process.stdout.write(JSON.stringify(cases.map(([pattern, texts]) => {
    const compiled = new RegExp(pattern, 'u')
    return texts.map((one) => compiled.test(one))
  })))
})
