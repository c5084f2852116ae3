# Shows what zsh's completion system offers, the way a user's TAB would: runs an interactive
# zsh in a pseudo-terminal (zsh/zpty), evaluates SETUP there, types WORDS and a TAB, and prints
# every candidate compadd receives, one per line.
# Usage: zsh -f zsh-capture.zsh SETUP WORDS
zmodload zsh/zpty || exit 3
zmodload zsh/zselect || exit 3
zpty z zsh -f -i
zpty -w z "PROMPT='' ; $1"
# Wrap compadd: let internal calls (-O/-A/-D) through, print what would be offered.
zpty -w z 'compadd () { if [[ ${@[1,(i)(-|--)]} == *-(O|A|D)\ * ]]; then builtin compadd "$@"; return $?; fi; typeset -a __hits; builtin compadd -A __hits "$@"; (( $#__hits )) && print -r -- "<HIT>${(pj:\n<HIT>:)__hits}" }'
zpty -w z "bindkey '^I' complete-word"
zpty -w z "print -r -- READY"
integer n=0
while (( n++ < 400 )); do
  zpty -r -t z line && [[ $line == READY* ]] && break
  zselect -t 5
done
zpty -w -n z "$2"$'\t'
# Read until candidates came and the terminal has been quiet for a moment (or 10 s passed).
integer waited=0 idle=0 hits=0
while (( waited < 200 )); do
  if zpty -r -t z line; then
    idle=0
    if [[ $line == *'<HIT>'* ]]; then
      hits=1
      print -r -- "${${line#*<HIT>}%%$'\r'}"
    fi
  else
    (( hits && ++idle > 6 )) && break
    zselect -t 5
    (( waited++ ))
  fi
done
zpty -d z
