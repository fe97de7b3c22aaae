# bash completion for sagelint. Options come from the installed binary's own
# `--help` (bash-completion's _parse_help), so they never drift from the CLI.
_sagelint() {
  local cur prev words cword
  _init_completion || return

  local cmd="" i
  for ((i = 1; i < cword; i++)); do
    case "${words[i]}" in
      lint | run | rules | dump | processing-job | report) cmd=${words[i]}; break ;;
    esac
  done

  if [[ -z $cmd ]]; then
    COMPREPLY=($(compgen -W 'lint run rules dump processing-job report --help --version' -- "$cur"))
    return
  fi

  case "$prev" in
    -f | --format)
      COMPREPLY=($(compgen -W 'tty json sarif gnu github checkstyle gitlab junit html' -- "$cur"))
      return ;;
    -t | --failure-threshold)
      COMPREPLY=($(compgen -W 'error warning info style none' -- "$cur"))
      return ;;
    --kind)
      COMPREPLY=($(compgen -W 'dockerfile image request' -- "$cur"))
      return ;;
    --runtime)
      COMPREPLY=($(compgen -W 'runc docker' -- "$cur"))
      return ;;
    --ignore)
      COMPREPLY=($(compgen -W '$(sagelint rules 2>/dev/null | awk "{print \$1}")' -- "$cur"))
      return ;;
    -c | --config | --request | --report | --context | --targets-from)
      _filedir
      return ;;
    --input | --output | --cache-dir)
      _filedir -d
      return ;;
  esac

  if [[ $cur == -* ]]; then
    COMPREPLY=($(compgen -W '$(_parse_help "${words[0]}" "$cmd --help")' -- "$cur"))
    return
  fi
  if [[ $cmd == report && $prev == report ]]; then
    COMPREPLY=($(compgen -W 'merge' -- "$cur"))
    return
  fi
  if [[ $cmd == rules ]]; then
    COMPREPLY=($(compgen -W '$(sagelint rules 2>/dev/null | awk "{print \$1}")' -- "$cur"))
    return
  fi
  _filedir
}
complete -F _sagelint sagelint
