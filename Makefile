# The two commands: `make run` and `make test`. Both install what is missing first.
BUILD ?= build
JOBS ?= $(shell nproc)
HOST ?= 127.0.0.1
PORT ?= 4566

.PHONY: all deps test-deps configure build test run serve demo bench fuzz clean

all: build

deps:
	@scripts/install-deps.sh

$(BUILD)/CMakeCache.txt:
	cmake -S . -B $(BUILD) -DCMAKE_BUILD_TYPE=Release

configure: deps $(BUILD)/CMakeCache.txt

build: configure
	cmake --build $(BUILD) -j $(JOBS)

# The real tools of the e2e tests, for `make test` only (`make run` never needs them): Packer,
# Ansible (amazon.aws and community.aws ship in Debian's ansible) and the boto3 of
# /usr/bin/python3, which Ansible's modules import.
TEST_PACKAGES = packer ansible python3-boto3

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

# The golden-AMI scenario, narrated step by step, in process (no server).
demo: build
	$(BUILD)/amisim run scenarios/golden-ami-bake.json --narrate

bench: build
	@scripts/install-deps.sh wrk
	$(BUILD)/bench/amisim_bench
	bench/http/run.sh $(BUILD)

# libFuzzer targets, 10 minutes each (make test runs them for 15 s each).
fuzz: deps
	scripts/fuzz.sh 600 $(BUILD)/fuzz

clean:
	rm -rf $(BUILD)
