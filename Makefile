# The two commands: `make run` and `make test`. Both install what is missing first.
BUILD ?= build
JOBS ?= $(shell nproc)
HOST ?= 127.0.0.1
PORT ?= 4566

.PHONY: all deps test-deps configure build test run serve demo bench soak fuzz compat check-examples \
	clean

all: build

deps:
	@scripts/install-deps.sh

$(BUILD)/CMakeCache.txt:
	cmake -S . -B $(BUILD) -DCMAKE_BUILD_TYPE=Release

configure: deps $(BUILD)/CMakeCache.txt

build: configure
	cmake --build $(BUILD) -j $(JOBS)

# The real tools of the e2e tests, for `make test` only (`make run` never needs them): Packer,
# Ansible (amazon.aws and community.aws ship in Debian's ansible), the boto3 of /usr/bin/python3,
# which Ansible's modules import, and Chromium with puppeteer-core (npm, pinned by
# tests/e2e/browser/package-lock.json) for the live page's test in a real browser; pkgconf
# (pkg-config) for the installed library's test (tests/lib/installed_example.cmake).
TEST_PACKAGES = packer ansible python3-boto3 chromium npm:tests/e2e/browser pkgconf

test-deps: deps
	@scripts/install-deps.sh $(TEST_PACKAGES)

test: test-deps build
	cd $(BUILD) && ctest --output-on-failure -j $(JOBS)

# The simulator: EC2 on http://$(HOST):$(PORT) until Ctrl-C.
run: build
	@echo
	@echo "amisim: EC2 on http://$(HOST):$(PORT). In another terminal, try:"
	@echo "  AWS_ACCESS_KEY_ID=test AWS_SECRET_ACCESS_KEY=test aws --endpoint-url http://$(HOST):$(PORT) \\"
	@echo "    --region us-east-1 ec2 describe-images --owners amazon --query 'Images[].[ImageId,Name]' --output text"
	@echo
	$(BUILD)/amisim serve --host $(HOST) --port $(PORT)

serve: run

# The golden-AMI scenario for a class: amisim serve with the live page, and the scenario played
# against it step by step (Enter before each), narrated in the terminal while the page moves.
# The server stays up afterwards for questions; Ctrl-C stops it.
demo: build
	@echo
	@echo "amisim: open http://$(HOST):$(PORT)/_amisim/ui to watch; press Enter here before each step."
	@echo
	@$(BUILD)/amisim serve --host $(HOST) --port $(PORT) >/dev/null & server=$$!; \
	  trap 'kill $$server 2>/dev/null' EXIT INT TERM; sleep 1; \
	  $(BUILD)/amisim run scenarios/golden-ami-bake.json --endpoint http://$(HOST):$(PORT) --step; \
	  echo; echo "amisim: still serving http://$(HOST):$(PORT)/_amisim/ui; Ctrl-C stops it."; \
	  wait $$server

bench: build
	@scripts/install-deps.sh wrk curl chromium npm:tests/e2e/browser
	$(BUILD)/bench/amisim_bench
	$(BUILD)/bench/amisim_scale_bench
	bench/http/run.sh $(BUILD)
	bench/http/picture_cost.sh $(BUILD)
	bench/ui/run.sh $(BUILD)

# The soak benchmark (bench/soak.cpp): SOAK_CALLS changing calls (default 1,000,000) that keep
# the live world the same size, with RSS and the state document's size sampled every 10%.
SOAK_CALLS ?= 1000000

soak: configure
	cmake --build $(BUILD) -j $(JOBS) --target amisim_soak
	$(BUILD)/bench/amisim_soak $(SOAK_CALLS)

# libFuzzer targets with sanitizers, 10 minutes each, built with clang in $(BUILD)/fuzz. make test
# runs the same targets' checks without libFuzzer, on the corpus and fixed-seed mutants of it.
fuzz:
	@scripts/install-deps.sh clang libclang-rt-14-dev
	scripts/fuzz.sh 600 $(BUILD)/fuzz

# moto's EC2 tests as an outside scoreboard (tests/compat/moto-ec2.md), against a fresh
# `amisim serve --images fixtures/catalogs/moto-examples.json --images-replace`. Not part of
# `make test`: moto's source is not in this repository (DEVELOPERS.md says how to bring one).
#   make compat MOTO_SRC=DIR [COMPAT_FILES="tests/test_ec2/test_tags.py ..."]
COMPAT_PACKAGES = python3-pytest python3-boto3 python3-freezegun python3-responses \
	python3-werkzeug python3-flask python3-flask-cors python3-xmltodict python3-jinja2 \
	python3-cryptography python3-dateutil python3-yaml python3-pyparsing python3-requests

compat: build
	@test -n "$(MOTO_SRC)" || { echo "usage: make compat MOTO_SRC=DIR (a moto source tree, DEVELOPERS.md)"; exit 2; }
	@scripts/install-deps.sh $(COMPAT_PACKAGES)
	scripts/compat.sh $(MOTO_SRC) $(BUILD) $(COMPAT_FILES)

# amisim check's proof in full (issue 21): tests/e2e/test_check.py with the careful example's 200
# runs; make test runs the same test with 40 of them, to stay within its 20 minutes (each run
# starts Python and boto3: ~0.8 s of CPU).
check-examples: build
	@scripts/install-deps.sh python3-boto3
	/usr/bin/python3 tests/e2e/test_check.py $(BUILD)/amisim --careful-runs 200

clean:
	rm -rf $(BUILD)
