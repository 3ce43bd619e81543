# ddbtui(1) completion for bash: commands, options, and table names.
# Commands and options come from the program itself (ddbtui --complete-words), so they never
# drift from --help; table names from `ddbtui list-tables` against the endpoint, profile and
# region on the line, given two seconds and one attempt at most.
# Installed as share/bash-completion/completions/ddbtui; or source it from ~/.bashrc.

# _ddbtui_load WHAT: reads `$prog --complete-words WHAT` (NAME<TAB>ARG<TAB>HELP lines) into the
# caller's names (the words) and takes (NAME -> ARG, for the options that take a value).
_ddbtui_load()
{
	local line rest
	names=()
	takes=()
	while IFS= read -r line; do
		[[ -n $line ]] || continue
		rest=${line#*$'\t'}
		names+=("${line%%$'\t'*}")
		[[ $line == *$'\t'* && -n ${rest%%$'\t'*} ]] && takes[${line%%$'\t'*}]=${rest%%$'\t'*}
	done < <("$prog" --complete-words "$1" 2>/dev/null)
}

# _ddbtui_unquote WORD: the word without surrounding quotes and with ~ expanded (never eval'd).
_ddbtui_unquote()
{
	local w=$1
	if [[ $w == \"*\" || $w == \'*\' ]]; then
		w=${w:1:${#w}-2}
	fi
	[[ $w == \~/* ]] && w=$HOME/${w#\~/}
	printf '%s' "$w"
}

# _ddbtui_tables PREFIX: the endpoint's table names that start with PREFIX, into COMPREPLY.
_ddbtui_tables()
{
	local out
	local -a limit=()
	command -v timeout >/dev/null 2>&1 && limit=(timeout 2)
	out=$(DDBTUI_TIMEOUT_MS=2000 "${limit[@]}" "$prog" "${conn[@]}" --max-attempts 1 \
		list-tables 2>/dev/null </dev/null)
	COMPREPLY=($(compgen -W "$out" -- "$1"))
}

# _ddbtui_value ARG VALUE: completes the value of an option whose value is named ARG.
_ddbtui_value()
{
	case $1 in
	TABLE) _ddbtui_tables "$2" ;;
	FILE)
		compopt -o filenames 2>/dev/null
		COMPREPLY=($(compgen -f -- "$2"))
		;;
	esac
}

_ddbtui()
{
	local prog=${COMP_WORDS[0]} cur prev cmd="" usage="" spec w v i n npos=0
	local line pos start tok last
	local -a words=() names=() cmds=() conn=() u=()
	local -A takes=() usages=()
	local IFS=$' \t\n' # the words are split below; the caller's IFS may be anything
	COMPREPLY=()

	# Bash splits words at = and : (COMP_WORDBREAKS); join what was typed without a space, so
	# that --table=x and http://host:8000 are one word each.
	if [[ -n ${COMP_LINE-} ]]; then
		line=${COMP_LINE:0:${COMP_POINT:-${#COMP_LINE}}}
		pos=0
		for ((i = 0; i <= COMP_CWORD; i++)); do
			tok=${COMP_WORDS[i]}
			start=$pos
			while [[ ${line:pos:1} == [[:space:]] ]]; do
				pos=$((pos + 1))
			done
			if ((i > 0 && pos == start && ${#words[@]} > 0)); then
				last=$((${#words[@]} - 1))
				words[last]+=$tok
			else
				words+=("$tok")
			fi
			pos=$((pos + ${#tok}))
		done
	else
		words=("${COMP_WORDS[@]:0:COMP_CWORD+1}")
	fi
	n=$((${#words[@]} - 1))
	cur=${words[n]}
	prev=""
	((n > 0)) && prev=${words[n - 1]}

	prog=$(_ddbtui_unquote "$prog")
	command -v -- "$prog" >/dev/null 2>&1 || prog=ddbtui

	while IFS= read -r line; do
		[[ -n $line ]] || continue
		cmds+=("${line%%$'\t'*}")
		w=${line#*$'\t'}
		usages[${line%%$'\t'*}]=${w%%$'\t'*}
	done < <("$prog" --complete-words commands 2>/dev/null)
	_ddbtui_load global

	# The words before the cursor: the command, its positional arguments, and the options that
	# say where the tables are.
	for ((i = 1; i < n; i++)); do
		w=${words[i]}
		case $w in
		--endpoint-url=* | --profile=* | --region=*)
			conn+=("${w%%=*}" "$(_ddbtui_unquote "${w#*=}")")
			;;
		--prod) conn+=(--prod) ;;
		-*=* | --) ;;
		-*)
			if [[ -n ${takes[$w]-} ]]; then
				case $w in
				--endpoint-url | --profile | --region)
					((i + 1 < n)) && conn+=("$w" "$(_ddbtui_unquote "${words[i + 1]}")")
					;;
				esac
				i=$((i + 1))
			fi
			;;
		*)
			if [[ -z $cmd && -n ${usages[$w]+set} ]]; then
				cmd=$w
				usage=${usages[$w]}
				_ddbtui_load "$cmd"
			elif [[ -n $cmd ]]; then
				npos=$((npos + 1))
			fi
			;;
		esac
	done

	# An option's value: --flag=VALUE, or the word after --flag.
	if [[ $cur == --*=* && -n ${takes[${cur%%=*}]-} ]]; then
		v=${cur#*=}
		_ddbtui_value "${takes[${cur%%=*}]}" "${v##*[:=]}"
		return 0
	fi
	if [[ $prev == -* && $prev != *=* && -n ${takes[$prev]-} ]]; then
		_ddbtui_value "${takes[$prev]}" "$cur"
		return 0
	fi
	if [[ $cur == -* ]]; then
		COMPREPLY=($(compgen -W "${names[*]} --help" -- "$cur"))
		return 0
	fi
	if [[ -z $cmd ]]; then
		COMPREPLY=($(compgen -W "${cmds[*]}" -- "$cur"))
		return 0
	fi
	# A positional argument: the command's usage names it ("[TABLE]", "list|add|remove ...").
	read -r -a u <<<"$usage"
	spec=${u[npos]-}
	spec=${spec#[}
	spec=${spec%]}
	case $spec in
	*'|'*) COMPREPLY=($(compgen -W "${spec//|/ }" -- "$cur")) ;;
	*) _ddbtui_value "$spec" "$cur" ;;
	esac
	return 0
}

complete -F _ddbtui ddbtui
