// The page's import path in Node, for tests/browser/test_format_agreement.py: the page's own format
// module decodes and checks each file, as the page does when a file is chosen (same V8 as Chromium).
//
// stdin: {"data": the page's embedded data, "files": [base64 bytes, ...]}
// stdout: [[accepted, first message], ...], one per file
'use strict'
const { load } = require('./load.js')

const { format } = load('core/dom.js', 'format/format.js')

function judge (data, encoded) {
  const bytes = new Uint8Array(Buffer.from(encoded, 'base64'))
  const decoded = format.decode(bytes.buffer)
  if (decoded.error) return [false, data.strings[decoded.error]]
  const checked = format.parse(decoded.text, bytes.length, data)
  return [checked.assessment !== null, checked.errors[0] || '']
}

let text = ''
process.stdin.setEncoding('utf8')
process.stdin.on('data', (chunk) => { text += chunk })
process.stdin.on('end', () => {
  const input = JSON.parse(text)
  process.stdout.write(JSON.stringify(input.files.map((encoded) => judge(input.data, encoded))))
})
