// Running a user's command for `workflow` steps (api/scenario/workflow.hpp), for
// `amisim run --allow-workflow` and `amisim check`: the step's in-process world served on a free
// port of 127.0.0.1 for as long as the command runs (or the --endpoint server it already talks
// to), the command run by /bin/sh -c in a process group of its own with the standard variables
// set —
//   AWS_ENDPOINT_URL, AMISIM_ENDPOINT   http://127.0.0.1:PORT
//   AWS_ACCESS_KEY_ID                   the step's account (a 12-digit key acts as that account)
//   AWS_SECRET_ACCESS_KEY               "amisim" (any secret is accepted)
//   AWS_DEFAULT_REGION, AWS_REGION      the step's Region
//   AMISIM_ACCOUNTS, AMISIM_REGIONS     the world's, space-separated
//   AMISIM_NOW                          the world's time (ISO-8601): its clock is not the wall's
//   each variable earlier steps saved   e.g. ami=ami-0abc… (the variables above win)
// — its stdin empty and its stdout and stderr kept (the last 64 KiB) for the report; after the
// step's timeout (wall time) the group gets SIGTERM, then SIGKILL two seconds later. When the
// command ends, whatever it left running in its group is killed too, and the server stops: the
// call returns with nothing of the command's left behind.
#pragma once

#include <string>

#include "api/scenario/workflow.hpp"

namespace amisim::cli {

// `endpoint`: "" to serve each door's own world (in-process runs), else the URL of the server the
// run already plays against (`amisim run --endpoint URL --allow-workflow`).
scenario::WorkflowRunner workflow_runner(std::string endpoint);

// Kills the process groups of every command still running (from a SIGINT or SIGTERM handler:
// async-signal-safe), so an interrupted `amisim check` leaves none behind.
void kill_running_workflows();

}  // namespace amisim::cli
