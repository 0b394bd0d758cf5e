#!/usr/bin/env bash
# The walls of the code map (README "Code map", DESIGN.md "Layers"), checked on the includes:
#   - sim/ includes nothing of api/ or cli/, and no JSON, Boost, OpenSSL or socket header;
#   - sim/core/ and sim/state/ include no family (sim/images/, sim/ebs/, ...) and not the
#     cross-family pieces at sim/'s top level (timeline, tagging);
#   - a family includes no other family's detail.hpp (private helpers stay in their family);
#   - api/ includes nothing of cli/;
#   - lib/ (the C++ library) includes nothing of cli/, and nothing below it includes lib/ or the
#     public headers;
#   - the public headers (include/amisim/) include the standard library and each other only
#     (rapidcheck.hpp: RapidCheck too).
# Prints every breach and exits 1 when there is one.
set -u
cd "$(dirname "$0")/.."
fail=0
breach() { echo "layers: $1"; fail=1; }

while IFS= read -r line; do breach "sim/ reaches up or out: $line"; done < <(
  grep -rnE '#include\s*[<"](api/|cli/|nlohmann|boost|beast|asio|openssl|sys/socket)' sim)

while IFS= read -r line; do breach "core/ or state/ includes a family: $line"; done < <(
  grep -rnE '#include "sim/' sim/core sim/state | grep -vE '#include "sim/(core|state)/')

for dir in sim/*/; do
  family=$(basename "$dir")
  while IFS= read -r line; do breach "$family/ includes another family's detail.hpp: $line"; done < <(
    grep -rnE '#include "sim/[a-z_]+/detail\.hpp"' "$dir" | grep -v "\"sim/$family/detail.hpp\"")
done
while IFS= read -r line; do breach "sim/'s top level includes a family's detail.hpp: $line"; done < <(
  grep -nE '#include "sim/[a-z_]+/detail\.hpp"' sim/*.cpp sim/*.hpp)

while IFS= read -r line; do breach "api/ includes cli/: $line"; done < <(grep -rnE '#include "cli/' api)

while IFS= read -r line; do breach "lib/ includes cli/: $line"; done < <(grep -rnE '#include "cli/' lib)
while IFS= read -r line; do breach "api/ or sim/ includes lib/ or amisim/: $line"; done < <(
  grep -rnE '#include [<"](lib|amisim)/' api sim)
while IFS= read -r line; do breach "a public header includes more than the standard library: $line"; done < <(
  grep -nE '^#include' include/amisim/*.hpp include/amisim/*.hpp.in |
    grep -vE ':#include (<[a-z_]+>|"amisim/[a-z_]+\.hpp")$' |
    grep -vE '^include/amisim/rapidcheck\.hpp:[0-9]+:#include <rapidcheck\.h>$')

[ "$fail" = 0 ] && echo "layers: the walls hold"
exit "$fail"
