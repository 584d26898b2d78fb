" Vim syntax for term files (*.terms). The same classes as the VS Code grammar.
if exists('b:current_syntax')
  finish
endif
syntax iskeyword @,48-57,_,45
syntax keyword termsDeclaration party verifier program facility sanction benefit material
syntax keyword termsBlock agreement step profile
syntax keyword termsInclude import
syntax keyword termsVerb declare freeze dismantle lift ease suspend retain provide convert remove
syntax keyword termsKeyword sanctions all by of in kind after builds_on verified within partially snapback sanctioned to civilian use independently
syntax keyword termsKeyword weight since until signed dated
syntax keyword termsExpect expect require prefer
syntax keyword termsVerdict acceptable unacceptable violated satisfied
syntax keyword termsUnit day days week weeks month months year years
syntax match termsNumber /\<\d\+\(\.\d\+\)\?\>/
" A date, YYYY-MM-DD (after termsNumber, so that it wins).
syntax match termsDate /\<\d\{4}-\d\{2}-\d\{2}\>/
syntax region termsString start=/"/ skip=/\\[\\"]/ end=/"\|$/ contains=termsEscape
syntax match termsEscape /\\[\\"]/ contained
syntax match termsComment /#.*$/ contains=@Spell
highlight default link termsDeclaration Type
highlight default link termsBlock Structure
highlight default link termsInclude Include
highlight default link termsVerb Statement
highlight default link termsKeyword Keyword
highlight default link termsExpect Conditional
highlight default link termsVerdict Constant
highlight default link termsUnit Special
highlight default link termsNumber Number
highlight default link termsDate Constant
highlight default link termsString String
highlight default link termsEscape SpecialChar
highlight default link termsComment Comment
let b:current_syntax = 'terms'
