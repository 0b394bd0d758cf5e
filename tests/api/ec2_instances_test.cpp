// The instance handlers through ec2::call: RunInstances, Start/Stop/Terminate/RebootInstances,
// DescribeInstances, DescribeInstanceStatus, Describe/ModifyInstanceAttribute. Every successful
// call is also checked against the service model's output shape and an XML round trip
// (tests/api/ec2_support.hpp).
#include <algorithm>
#include <catch2/catch.hpp>
#include <set>

#include "api/protocol/query_parser.hpp"
#include "sim/instances/instances.hpp"
#include "tests/api/ec2_support.hpp"

using test::Ec2;
using test::Json;

namespace {

// A RunInstances input for the us-east-1 Amazon Linux 2023 image on a t3.micro.
Json run_input(const Ec2& ec2, int count = 1) {
  return {{"ImageId", ec2.catalogue_image("al2023-x86_64").str()},
          {"InstanceType", "t3.micro"},
          {"MinCount", count},
          {"MaxCount", count}};
}

std::string launch(Ec2& ec2, Json input = {}) {
  if (input.is_null()) input = run_input(ec2);
  Json out = ec2.ok("RunInstances", input);
  REQUIRE(out["Instances"].size() == 1);
  return out["Instances"][0]["InstanceId"];
}

// The one instance DescribeInstances shows for `id`.
Json describe_instance(Ec2& ec2, const std::string& id) {
  Json out = ec2.ok("DescribeInstances", {{"InstanceIds", {id}}});
  REQUIRE(out["Reservations"].size() == 1);
  REQUIRE(out["Reservations"][0]["Instances"].size() == 1);
  return out["Reservations"][0]["Instances"][0];
}

std::string running(Ec2& ec2) {
  const std::string id = launch(ec2);
  ec2.advance(5 * sim::kMinuteMs);
  REQUIRE(describe_instance(ec2, id)["State"]["Name"] == "running");
  return id;
}

Json state(int code, const std::string& name) { return {{"Code", code}, {"Name", name}}; }

const sim::Instance& model_instance(Ec2& ec2, const std::string& id) {
  const sim::Instance* i = sim::find_instance(ec2.world, ec2.caller, sim::InstanceId(id));
  REQUIRE(i != nullptr);
  return *i;
}

}  // namespace

TEST_CASE("RunInstances answers with the Reservation: one pending instance from the image") {
  Ec2 ec2;
  Json out = ec2.ok("RunInstances", run_input(ec2));
  CHECK(out["ReservationId"].get<std::string>().rfind("r-", 0) == 0);
  CHECK(out["OwnerId"] == ec2.caller.account.str());
  CHECK(out["Groups"] == Json::array());
  REQUIRE(out["Instances"].size() == 1);
  Json i = out["Instances"][0];  // a copy: a missing member reads as null, not an assert
  const sim::Instance& m = model_instance(ec2, i["InstanceId"]);
  CHECK(i["ImageId"] == ec2.catalogue_image("al2023-x86_64").str());
  CHECK(i["State"] == state(0, "pending"));
  CHECK(i["InstanceType"] == "t3.micro");
  CHECK(i["AmiLaunchIndex"] == 0);
  CHECK(i["Architecture"] == "x86_64");
  CHECK(i["RootDeviceType"] == "ebs");
  CHECK(i["Placement"]["AvailabilityZone"] == m.zone.str());
  CHECK(i["PrivateIpAddress"] == m.private_ip);
  CHECK(i["VpcId"] == m.vpc_id.str());
  CHECK(i["LaunchTime"] == sim::format_iso8601(ec2.world.now()));
  CHECK_FALSE(i.contains("KeyName"));  // none given: left out, not ""
  CHECK_FALSE(i.contains("Platform"));
  REQUIRE(i["BlockDeviceMappings"].size() == m.block_devices.size());
  CHECK(i["BlockDeviceMappings"][0]["DeviceName"] == i["RootDeviceName"]);
  CHECK(i["BlockDeviceMappings"][0]["Ebs"]["VolumeId"] == m.block_devices[0].volume_id.str());
  CHECK(i["BlockDeviceMappings"][0]["Ebs"]["DeleteOnTermination"] == true);
  REQUIRE(i["SecurityGroups"].size() == 1);
  CHECK(i["SecurityGroups"][0]["GroupName"] == "default");
}

TEST_CASE("RunInstances launches MaxCount instances with launch indexes 0..n-1") {
  Ec2 ec2;
  Json out = ec2.ok("RunInstances", run_input(ec2, 3));
  REQUIRE(out["Instances"].size() == 3);
  for (int n = 0; n < 3; ++n) CHECK(out["Instances"][n]["AmiLaunchIndex"] == n);
}

TEST_CASE("DescribeInstances shows pending, then running with a public address after boot") {
  Ec2 ec2;
  const std::string id = launch(ec2);
  Json before = describe_instance(ec2, id);
  CHECK(before["State"] == state(0, "pending"));
  CHECK_FALSE(before.contains("PublicIpAddress"));
  ec2.advance(5 * sim::kMinuteMs);
  Json after = describe_instance(ec2, id);
  CHECK(after["State"] == state(16, "running"));
  CHECK(after["PublicIpAddress"] == model_instance(ec2, id).public_ip);
  CHECK(after["PublicDnsName"].get<std::string>().find("compute-1.amazonaws.com") !=
        std::string::npos);
}

TEST_CASE("Stop, start and terminate report current and previous state with AWS's codes") {
  Ec2 ec2;
  const std::string id = running(ec2);
  Json stop = ec2.ok("StopInstances", {{"InstanceIds", {id}}});
  REQUIRE(stop["StoppingInstances"].size() == 1);
  CHECK(stop["StoppingInstances"][0]["InstanceId"] == id);
  CHECK(stop["StoppingInstances"][0]["CurrentState"] == state(64, "stopping"));
  CHECK(stop["StoppingInstances"][0]["PreviousState"] == state(16, "running"));
  ec2.advance(sim::kStopDurationMs);
  CHECK(describe_instance(ec2, id)["State"] == state(80, "stopped"));

  Json start = ec2.ok("StartInstances", {{"InstanceIds", {id}}});
  CHECK(start["StartingInstances"][0]["CurrentState"] == state(0, "pending"));
  CHECK(start["StartingInstances"][0]["PreviousState"] == state(80, "stopped"));
  ec2.advance(5 * sim::kMinuteMs);

  Json term = ec2.ok("TerminateInstances", {{"InstanceIds", {id}}});
  CHECK(term["TerminatingInstances"][0]["CurrentState"] == state(32, "shutting-down"));
  CHECK(term["TerminatingInstances"][0]["PreviousState"] == state(16, "running"));
  ec2.advance(sim::kShutdownDurationMs);
  Json gone = describe_instance(ec2, id);
  CHECK(gone["State"] == state(48, "terminated"));
  CHECK(gone["BlockDeviceMappings"] == Json::array());
  // Terminating again succeeds and reports terminated -> terminated.
  Json again = ec2.ok("TerminateInstances", {{"InstanceIds", {id}}});
  CHECK(again["TerminatingInstances"][0]["PreviousState"] == state(48, "terminated"));
}

TEST_CASE("StopInstances accepts Hibernate and Force and stops as usual") {
  Ec2 ec2;
  const std::string id = running(ec2);
  Json stop =
      ec2.ok("StopInstances", {{"InstanceIds", {id}}, {"Hibernate", true}, {"Force", true}});
  CHECK(stop["StoppingInstances"][0]["CurrentState"] == state(64, "stopping"));
  CHECK(ec2.error("StopInstances", {{"InstanceIds", {id}}, {"Force", "yes"}}).code ==
        "InvalidParameterValue");
}

TEST_CASE("RebootInstances answers an empty output, status checks reinitialize, then pass") {
  Ec2 ec2;
  const std::string id = running(ec2);
  ec2.advance(30 * sim::kMinuteMs);
  auto status = [&] {
    Json out = ec2.ok("DescribeInstanceStatus", {{"InstanceIds", {id}}});
    REQUIRE(out["InstanceStatuses"].size() == 1);
    return out["InstanceStatuses"][0];
  };
  CHECK(status()["InstanceStatus"]["Status"] == "ok");
  CHECK(ec2.ok("RebootInstances", {{"InstanceIds", {id}}}) == Json::object());
  Json during = status();
  CHECK(during["InstanceState"] == state(16, "running"));
  CHECK(during["InstanceStatus"]["Status"] == "initializing");
  CHECK(during["SystemStatus"]["Details"][0]["Status"] == "initializing");
  ec2.advance(sim::kRebootDurationMs);
  Json after = status();
  CHECK(after["InstanceStatus"]["Status"] == "ok");
  CHECK(after["InstanceStatus"]["Details"][0] ==
        Json({{"Name", "reachability"}, {"Status", "passed"}}));
}

TEST_CASE("DescribeInstanceStatus lists running instances, all with IncludeAllInstances") {
  Ec2 ec2;
  const std::string id = launch(ec2);
  CHECK(ec2.ok("DescribeInstanceStatus")["InstanceStatuses"] == Json::array());
  Json all = ec2.ok("DescribeInstanceStatus", {{"IncludeAllInstances", true}});
  REQUIRE(all["InstanceStatuses"].size() == 1);
  CHECK(all["InstanceStatuses"][0]["InstanceId"] == id);
  CHECK(all["InstanceStatuses"][0]["InstanceState"] == state(0, "pending"));
  CHECK(all["InstanceStatuses"][0]["InstanceStatus"] == Json({{"Status", "not-applicable"}}));
  CHECK(all["InstanceStatuses"][0]["AvailabilityZone"] == model_instance(ec2, id).zone.str());
}

TEST_CASE("Unknown and malformed instance IDs are InvalidInstanceID.NotFound / .Malformed") {
  Ec2 ec2;
  const std::string missing = "i-0123456789abcdef0";
  for (const char* action : {"StopInstances", "StartInstances", "TerminateInstances",
                             "RebootInstances", "DescribeInstances", "DescribeInstanceStatus"}) {
    INFO(action);
    CHECK(ec2.error(action, {{"InstanceIds", {missing}}}).code == "InvalidInstanceID.NotFound");
    CHECK(ec2.error(action, {{"InstanceIds", {"i-xyz"}}}).code == "InvalidInstanceID.Malformed");
  }
  CHECK(ec2.error("DescribeInstanceAttribute",
                  {{"InstanceId", missing}, {"Attribute", "instanceType"}})
            .code == "InvalidInstanceID.NotFound");
  CHECK(ec2.error("DescribeInstanceAttribute",
                  {{"InstanceId", missing}, {"Attribute", "disableApiTermination"}})
            .code == "InvalidInstanceID.NotFound");
}

TEST_CASE("Calls in the wrong state are IncorrectInstanceState") {
  Ec2 ec2;
  const std::string id = launch(ec2);  // pending
  CHECK(ec2.error("StopInstances", {{"InstanceIds", {id}}}).code == "IncorrectInstanceState");
  CHECK(ec2.error("RebootInstances", {{"InstanceIds", {id}}}).code == "IncorrectInstanceState");
  ec2.advance(5 * sim::kMinuteMs);
  CHECK(ec2.error("ModifyInstanceAttribute",
                  {{"InstanceId", id}, {"InstanceType", {{"Value", "t3.small"}}}})
            .code == "IncorrectInstanceState");
  ec2.ok("TerminateInstances", {{"InstanceIds", {id}}});
  CHECK(ec2.error("StartInstances", {{"InstanceIds", {id}}}).code == "IncorrectInstanceState");
}

TEST_CASE("RunInstances refuses bad input: unknown type, counts, user data, key, image") {
  Ec2 ec2;
  Json in = run_input(ec2);
  in["InstanceType"] = "t9.gigantic";
  CHECK(ec2.error("RunInstances", in).code == "InvalidParameterValue");
  in = run_input(ec2);
  in.erase("MinCount");
  CHECK(ec2.error("RunInstances", in).code == "MissingParameter");
  in = run_input(ec2);
  in["MaxCount"] = "2";
  CHECK(ec2.error("RunInstances", in).code == "InvalidParameterValue");
  in = run_input(ec2);
  in["UserData"] = "not base64!";
  CHECK(ec2.error("RunInstances", in).code == "InvalidParameterValue");
  in = run_input(ec2);
  in["KeyName"] = "nobody";
  CHECK(ec2.error("RunInstances", in).code == "InvalidKeyPair.NotFound");
  in = run_input(ec2);
  in["ImageId"] = "ami-0000000000000000f";
  CHECK(ec2.error("RunInstances", in).code == "InvalidAMIID.NotFound");
  in = run_input(ec2);
  in["LaunchTemplate"] = {{"LaunchTemplateId", "lt-0123456789abcdef0"}};
  CHECK(ec2.error("RunInstances", in).code == "InvalidLaunchTemplateId.NotFound");
  CHECK(ec2.world.region_of(ec2.caller).instances.empty());
}

TEST_CASE("RunInstances takes the key, groups, zone, tags, mappings and client token given") {
  Ec2 ec2;
  ec2.ok("CreateKeyPair", {{"KeyName", "deploy"}});
  Json sg = ec2.ok("CreateSecurityGroup", {{"GroupName", "web"}, {"Description", "web tier"}});
  Json in = run_input(ec2);
  in["KeyName"] = "deploy";
  in["SecurityGroupIds"] = {sg["GroupId"]};
  in["Placement"] = {{"AvailabilityZone", "us-east-1c"}};
  in["TagSpecifications"] = {
      {{"ResourceType", "instance"}, {"Tags", {{{"Key", "Name"}, {"Value", "web-1"}}}}}};
  in["BlockDeviceMappings"] = {
      {{"DeviceName", "/dev/sdf"}, {"Ebs", {{"VolumeSize", 20}, {"DeleteOnTermination", false}}}}};
  in["ClientToken"] = "token-1";
  Json out = ec2.ok("RunInstances", in);
  Json i = out["Instances"][0];  // a copy: a missing member reads as null, not an assert
  CHECK(i["KeyName"] == "deploy");
  CHECK(i["SecurityGroups"] == Json::array({{{"GroupId", sg["GroupId"]}, {"GroupName", "web"}}}));
  CHECK(i["Placement"]["AvailabilityZone"] == "us-east-1c");
  CHECK(i["Tags"] == Json::array({{{"Key", "Name"}, {"Value", "web-1"}}}));
  CHECK(i["ClientToken"] == "token-1");
  REQUIRE(i["BlockDeviceMappings"].size() == 2);
  CHECK(i["BlockDeviceMappings"][1]["DeviceName"] == "/dev/sdf");
  CHECK(i["BlockDeviceMappings"][1]["Ebs"]["DeleteOnTermination"] == false);
  const auto& volumes = ec2.world.region_of(ec2.caller).volumes;
  sim::VolumeId extra(i["BlockDeviceMappings"][1]["Ebs"]["VolumeId"].get<std::string>());
  REQUIRE(volumes.count(extra) == 1);
  CHECK(volumes.at(extra).size_gib == 20);
  // The same token and request: the same reservation, nothing new launched.
  CHECK(ec2.ok("RunInstances", in)["ReservationId"] == out["ReservationId"]);
  CHECK(ec2.world.region_of(ec2.caller).instances.size() == 1);
}

TEST_CASE("DescribeInstances pages with MaxResults and NextToken") {
  Ec2 ec2;
  ec2.ok("RunInstances", run_input(ec2, 4));
  ec2.ok("RunInstances", run_input(ec2, 3));
  std::set<std::string> seen;
  Json first = ec2.ok("DescribeInstances", {{"MaxResults", 5}});
  std::size_t on_first = 0;
  for (const auto& r : first["Reservations"]) {
    for (const auto& i : r["Instances"]) seen.insert(i["InstanceId"].get<std::string>());
    on_first += r["Instances"].size();
  }
  CHECK(on_first == 5);
  REQUIRE(first.contains("NextToken"));
  Json second = ec2.ok("DescribeInstances", {{"MaxResults", 5}, {"NextToken", first["NextToken"]}});
  for (const auto& r : second["Reservations"]) {
    for (const auto& i : r["Instances"]) seen.insert(i["InstanceId"].get<std::string>());
  }
  CHECK_FALSE(second.contains("NextToken"));
  CHECK(seen.size() == 7);
  CHECK(
      ec2.error("DescribeInstances", {{"MaxResults", 5}, {"InstanceIds", {*seen.begin()}}}).code ==
      "InvalidParameterCombination");
  CHECK(ec2.error("DescribeInstances", {{"NextToken", "garbage"}}).code ==
        "InvalidPaginationToken");
}

TEST_CASE("DescribeInstances filters by instance-state-name and tag") {
  Ec2 ec2;
  const std::string a = running(ec2);
  Json in = run_input(ec2);
  in["TagSpecifications"] = {
      {{"ResourceType", "instance"}, {"Tags", {{{"Key", "role"}, {"Value", "db"}}}}}};
  const std::string b = launch(ec2, in);
  ec2.advance(5 * sim::kMinuteMs);
  ec2.ok("StopInstances", {{"InstanceIds", {a}}});
  auto ids = [&](const Json& filter) {
    std::set<std::string> out;
    Json r = ec2.ok("DescribeInstances", {{"Filters", filter}});
    for (const auto& res : r["Reservations"]) {
      for (const auto& i : res["Instances"]) out.insert(i["InstanceId"].get<std::string>());
    }
    return out;
  };
  using Ids = std::set<std::string>;
  CHECK(ids({{{"Name", "instance-state-name"}, {"Values", {"stopping"}}}}) == Ids{a});
  CHECK(ids({{{"Name", "instance-state-name"}, {"Values", {"running"}}}}) == Ids{b});
  CHECK(ids({{{"Name", "instance-state-code"}, {"Values", {"16", "64"}}}}) == Ids{a, b});
  CHECK(ids({{{"Name", "tag:role"}, {"Values", {"db"}}}}) == Ids{b});
  CHECK(ec2.error("DescribeInstances", {{"Filters", {{{"Name", "colour"}, {"Values", {"x"}}}}}})
            .code == "InvalidFilter");
}

// APIREF DescribeInstances Filter.N: dns-name, private-dns-name,
// network-interface.private-dns-name, state-reason-code, instance.group-name (group-name),
// source-dest-check. Expected values are built from the address, not read from the reply.
TEST_CASE("DescribeInstances filters by DNS names, state reason, group name, source/dest check") {
  Ec2 ec2;
  const std::string a = running(ec2);
  const std::string b = running(ec2);
  const sim::Instance& ma = model_instance(ec2, a);
  auto dashed = [](std::string ip) {
    std::replace(ip.begin(), ip.end(), '.', '-');
    return ip;
  };
  auto ids = [&](const std::string& name, const std::string& value) {
    std::set<std::string> out;
    Json r = ec2.ok("DescribeInstances", {{"Filters", {{{"Name", name}, {"Values", {value}}}}}});
    for (const auto& res : r["Reservations"]) {
      for (const auto& i : res["Instances"]) out.insert(i["InstanceId"].get<std::string>());
    }
    return out;
  };
  using Ids = std::set<std::string>;
  const std::string private_dns = "ip-" + dashed(ma.private_ip) + ".ec2.internal";
  CHECK(ids("private-dns-name", private_dns) == Ids{a});
  CHECK(ids("network-interface.private-dns-name", private_dns) == Ids{a});
  REQUIRE_FALSE(ma.public_ip.empty());
  CHECK(ids("dns-name", "ec2-" + dashed(ma.public_ip) + ".compute-1.amazonaws.com") == Ids{a});
  CHECK(ids("instance.group-name", "default") == Ids{a, b});
  CHECK(ids("group-name", "web") == Ids{});
  ec2.ok("StopInstances", {{"InstanceIds", {b}}});
  ec2.advance(5 * sim::kMinuteMs);
  CHECK(ids("state-reason-code", "Client.UserInitiatedShutdown") == Ids{b});
  ec2.ok("ModifyInstanceAttribute", {{"InstanceId", a}, {"SourceDestCheck", {{"Value", false}}}});
  CHECK(ids("source-dest-check", "false") == Ids{a});
  CHECK(ids("source-dest-check", "true") == Ids{b});
}

TEST_CASE("Another account's instances are invisible and cannot be stopped") {
  Ec2 ec2;
  const std::string id = running(ec2);
  sim::Caller other = ec2.as("210987654321");
  CHECK(ec2.ok("DescribeInstances", Json::object(), &other)["Reservations"] == Json::array());
  CHECK(ec2.error("StopInstances", {{"InstanceIds", {id}}}, &other).code ==
        "InvalidInstanceID.NotFound");
  CHECK(describe_instance(ec2, id)["State"]["Name"] == "running");
}

TEST_CASE("User data goes in as base64, reaches the model as bytes and comes back base64") {
  Ec2 ec2;
  Json in = run_input(ec2);
  in["UserData"] = "aGVsbG8gd29ybGQ=";  // "hello world", as the CLI sends it (fact sheet §1.3)
  const std::string id = launch(ec2, in);
  CHECK(model_instance(ec2, id).user_data == "hello world");
  Json attr = ec2.ok("DescribeInstanceAttribute", {{"InstanceId", id}, {"Attribute", "userData"}});
  CHECK(attr == Json({{"InstanceId", id}, {"UserData", {{"Value", "aGVsbG8gd29ybGQ="}}}}));

  ec2.advance(5 * sim::kMinuteMs);
  ec2.ok("StopInstances", {{"InstanceIds", {id}}});
  ec2.advance(sim::kStopDurationMs);
  ec2.ok("ModifyInstanceAttribute",
         {{"InstanceId", id}, {"UserData", {{"Value", "IyEvYmluL3No"}}}});
  CHECK(model_instance(ec2, id).user_data == "#!/bin/sh");
  ec2.ok("ModifyInstanceAttribute",
         {{"InstanceId", id}, {"Attribute", "userData"}, {"Value", "YWI="}});
  CHECK(model_instance(ec2, id).user_data == "ab");
  CHECK(ec2.error("ModifyInstanceAttribute", {{"InstanceId", id}, {"UserData", {{"Value", "@@"}}}})
            .code == "InvalidParameterValue");
}

TEST_CASE("An instance without user data describes it as an empty UserData") {
  Ec2 ec2;
  const std::string id = launch(ec2);
  Json attr = ec2.ok("DescribeInstanceAttribute", {{"InstanceId", id}, {"Attribute", "userData"}});
  CHECK(attr == Json({{"InstanceId", id}, {"UserData", Json::object()}}));
}

TEST_CASE("DescribeInstanceAttribute answers type, devices, root device and the defaults") {
  Ec2 ec2;
  const std::string id = launch(ec2);
  const sim::Instance& m = model_instance(ec2, id);
  auto attr = [&](const char* name) {
    return ec2.ok("DescribeInstanceAttribute", {{"InstanceId", id}, {"Attribute", name}});
  };
  CHECK(attr("instanceType")["InstanceType"] == Json({{"Value", "t3.micro"}}));
  CHECK(attr("rootDeviceName")["RootDeviceName"] == Json({{"Value", m.traits.root_device_name}}));
  Json devices = attr("blockDeviceMapping")["BlockDeviceMappings"];
  REQUIRE(devices.size() == m.block_devices.size());
  CHECK(devices[0]["Ebs"]["VolumeId"] == m.block_devices[0].volume_id.str());
  CHECK(attr("disableApiTermination")["DisableApiTermination"] == Json({{"Value", false}}));
  CHECK(attr("instanceInitiatedShutdownBehavior")["InstanceInitiatedShutdownBehavior"] ==
        Json({{"Value", "stop"}}));
  CHECK(attr("groupSet")["Groups"][0]["GroupName"] == "default");
  CHECK(
      ec2.error("DescribeInstanceAttribute", {{"InstanceId", id}, {"Attribute", "colour"}}).code ==
      "InvalidParameterValue");
  CHECK(ec2.error("DescribeInstanceAttribute", {{"InstanceId", id}}).code == "MissingParameter");
}

TEST_CASE(
    "ModifyInstanceAttribute changes the type of a stopped instance and DeleteOnTermination") {
  Ec2 ec2;
  const std::string id = running(ec2);
  const std::string root = model_instance(ec2, id).traits.root_device_name;
  ec2.ok("ModifyInstanceAttribute",
         {{"InstanceId", id},
          {"BlockDeviceMappings",
           {{{"DeviceName", root}, {"Ebs", {{"DeleteOnTermination", false}}}}}}});
  CHECK(describe_instance(ec2, id)["BlockDeviceMappings"][0]["Ebs"]["DeleteOnTermination"] ==
        false);
  ec2.ok("StopInstances", {{"InstanceIds", {id}}});
  ec2.advance(sim::kStopDurationMs);
  CHECK(ec2.ok("ModifyInstanceAttribute",
               {{"InstanceId", id}, {"InstanceType", {{"Value", "t3.small"}}}}) == Json::object());
  CHECK(describe_instance(ec2, id)["InstanceType"] == "t3.small");
  ec2.ok("ModifyInstanceAttribute",
         {{"InstanceId", id}, {"Attribute", "instanceType"}, {"Value", "t3.medium"}});
  CHECK(describe_instance(ec2, id)["InstanceType"] == "t3.medium");
  CHECK(ec2.error("ModifyInstanceAttribute",
                  {{"InstanceId", id}, {"InstanceType", {{"Value", "t9.gigantic"}}}})
            .code == "InvalidInstanceAttributeValue");
  CHECK(ec2.error("ModifyInstanceAttribute", {{"InstanceId", id}}).code ==
        "InvalidParameterCombination");
  CHECK(ec2.error("ModifyInstanceAttribute",
                  {{"InstanceId", id}, {"Attribute", "kernel"}, {"Value", "aki-1"}})
            .code == "UnsupportedOperation");
}

// API reference ModifyInstanceAttribute Groups: "Replaces the security groups of the instance with
// the specified security groups"; the groups are the VPC's, and the primary interface takes them.
TEST_CASE("ModifyInstanceAttribute Groups replaces the instance's groups and its interface's") {
  Ec2 ec2;
  auto group = [&](const std::string& name) {
    return ec2.ok("CreateSecurityGroup", {{"GroupName", name}, {"Description", name}})["GroupId"]
        .get<std::string>();
  };
  const std::string web = group("web");
  const std::string db = group("db");
  const std::string extra = group("extra");
  Json in = run_input(ec2);
  in["SecurityGroupIds"] = {web};
  const std::string id = launch(ec2, in);
  ec2.settle();

  CHECK(
      ec2.error("ModifyInstanceAttribute", {{"InstanceId", id}, {"Groups", {db}}, {"DryRun", true}})
          .code == "DryRunOperation");
  CHECK(describe_instance(ec2, id)["SecurityGroups"][0]["GroupId"] == web);
  ec2.ok("ModifyInstanceAttribute", {{"InstanceId", id}, {"Groups", {db, extra}}});
  const Json i = describe_instance(ec2, id);
  CHECK(i["SecurityGroups"] == Json::array({{{"GroupId", db}, {"GroupName", "db"}},
                                            {{"GroupId", extra}, {"GroupName", "extra"}}}));
  CHECK(i["NetworkInterfaces"][0]["Groups"] == i["SecurityGroups"]);
  const Json set =
      ec2.ok("DescribeInstanceAttribute", {{"InstanceId", id}, {"Attribute", "groupSet"}});
  CHECK(set["Groups"] == i["SecurityGroups"]);
  // The old group is no longer in use; the new one is.
  ec2.ok("DeleteSecurityGroup", {{"GroupId", web}});
  CHECK(ec2.error("DeleteSecurityGroup", {{"GroupId", db}}).code == "DependencyViolation");

  // Refusals change nothing.
  const std::string vpc = ec2.ok("CreateVpc", {{"CidrBlock", "10.1.0.0/16"}})["Vpc"]["VpcId"];
  const std::string other_vpc_group =
      ec2.ok("CreateSecurityGroup",
             {{"GroupName", "elsewhere"}, {"Description", "x"}, {"VpcId", vpc}})["GroupId"];
  CHECK(ec2.error("ModifyInstanceAttribute", {{"InstanceId", id}, {"Groups", {other_vpc_group}}})
            .code == "InvalidParameter");
  CHECK(ec2.error("ModifyInstanceAttribute",
                  {{"InstanceId", id}, {"Groups", {"sg-0123456789abcdef0"}}})
            .code == "InvalidGroup.NotFound");
  CHECK(ec2.error("ModifyInstanceAttribute", {{"InstanceId", id}, {"Groups", {"sg-x"}}}).code ==
        "InvalidGroupId.Malformed");
  const sim::Caller other = ec2.as(test::kOther);
  const std::string theirs = ec2.ok(
      "CreateSecurityGroup", {{"GroupName", "theirs"}, {"Description", "x"}}, &other)["GroupId"];
  CHECK(ec2.error("ModifyInstanceAttribute", {{"InstanceId", id}, {"Groups", {theirs}}}).code ==
        "InvalidGroup.NotFound");
  CHECK(describe_instance(ec2, id)["SecurityGroups"].size() == 2);
  ec2.ok("TerminateInstances", {{"InstanceIds", {id}}});
  CHECK(ec2.error("ModifyInstanceAttribute", {{"InstanceId", id}, {"Groups", {extra}}}).code ==
        "IncorrectInstanceState");
}

TEST_CASE("ModifyInstanceAttribute takes the defaults Terraform's destroy sends, then terminates",
          "[tools]") {
  // terraform-provider-aws resourceInstanceDelete: DisableApiTermination false, then terminate.
  Ec2 ec2;
  const std::string id = running(ec2);
  for (const Json& change : {Json{{"DisableApiTermination", {{"Value", false}}}},
                             Json{{"DisableApiStop", {{"Value", false}}}},
                             Json{{"InstanceInitiatedShutdownBehavior", {{"Value", "stop"}}}}}) {
    INFO(change.dump());
    Json in = change;
    in["InstanceId"] = id;
    CHECK(ec2.ok("ModifyInstanceAttribute", in) == Json::object());
  }
  CHECK(ec2.error("ModifyInstanceAttribute", {{"InstanceId", "i-0123456789abcdef0"},
                                              {"DisableApiTermination", {{"Value", false}}}})
            .code == "InvalidInstanceID.NotFound");
  CHECK(ec2.error("ModifyInstanceAttribute",
                  {{"InstanceId", id}, {"InstanceInitiatedShutdownBehavior", {{"Value", "halt"}}}})
            .code == "InvalidParameterValue");
  ec2.ok("TerminateInstances", {{"InstanceIds", {id}}});
}

// The real text of both refusals is quoted by AWS's own lab guides and matched by tools:
// "The instance 'i-...' may not be terminated. Modify its 'disableApiTermination' instance
// attribute and try again." (OperationNotPermitted); likewise "may not be stopped" for
// disableApiStop.
TEST_CASE("Termination and stop protection refuse the whole call until they are turned off") {
  Ec2 ec2;
  const std::string guarded =
      ec2.ok("RunInstances", {{"ImageId", ec2.catalogue_image("al2023-x86_64").str()},
                              {"InstanceType", "t3.micro"},
                              {"MinCount", 1},
                              {"MaxCount", 1},
                              {"DisableApiTermination", true}})["Instances"][0]["InstanceId"];
  const std::string other = running(ec2);
  ec2.settle();
  auto attr = [&](const std::string& id, const char* name) {
    return ec2.ok("DescribeInstanceAttribute", {{"InstanceId", id}, {"Attribute", name}});
  };
  CHECK(attr(guarded, "disableApiTermination")["DisableApiTermination"] == Json({{"Value", true}}));
  test::WireError refused = ec2.error("TerminateInstances", {{"InstanceIds", {other, guarded}}});
  CHECK(refused.code == "OperationNotPermitted");
  CHECK(refused.message == "The instance '" + guarded +
                               "' may not be terminated. Modify its 'disableApiTermination' "
                               "instance attribute and try again.");
  CHECK(describe_instance(ec2, other)["State"]["Name"] == "running");  // nothing changed
  // Stop protection, set in the flat form the CLI's --attribute/--value sends.
  ec2.ok("ModifyInstanceAttribute",
         {{"InstanceId", other}, {"Attribute", "disableApiStop"}, {"Value", "true"}});
  CHECK(attr(other, "disableApiStop")["DisableApiStop"] == Json({{"Value", true}}));
  CHECK(ec2.error("ModifyInstanceAttribute",
                  {{"InstanceId", other}, {"Attribute", "disableApiStop"}, {"Value", "yes"}})
            .code == "InvalidParameterValue");
  refused = ec2.error("StopInstances", {{"InstanceIds", {other}}});
  CHECK(refused.code == "OperationNotPermitted");
  CHECK(refused.message == "The instance '" + other +
                               "' may not be stopped. Modify its 'disableApiStop' instance "
                               "attribute and try again.");
  ec2.ok("ModifyInstanceAttribute",
         {{"InstanceId", other}, {"DisableApiStop", {{"Value", false}}}});
  ec2.ok("ModifyInstanceAttribute",
         {{"InstanceId", guarded}, {"DisableApiTermination", {{"Value", false}}}});
  ec2.ok("TerminateInstances", {{"InstanceIds", {other, guarded}}});
}

TEST_CASE("EbsOptimized, SourceDestCheck and the shutdown behaviour are kept and shown") {
  Ec2 ec2;
  const std::string id =
      ec2.ok("RunInstances",
             {{"ImageId", ec2.catalogue_image("al2023-x86_64").str()},
              {"InstanceType", "t3.micro"},
              {"MinCount", 1},
              {"MaxCount", 1},
              {"EbsOptimized", true},
              {"InstanceInitiatedShutdownBehavior", "terminate"}})["Instances"][0]["InstanceId"];
  ec2.settle();
  CHECK(describe_instance(ec2, id)["EbsOptimized"] == true);
  CHECK(ec2.ok("DescribeInstanceAttribute",
               {{"InstanceId", id},
                {"Attribute",
                 "instanceInitiatedShutdownBehavior"}})["InstanceInitiatedShutdownBehavior"] ==
        Json({{"Value", "terminate"}}));
  // EBS optimization changes only while stopped (UG "Modify a stopped instance").
  CHECK(ec2.error("ModifyInstanceAttribute",
                  {{"InstanceId", id}, {"EbsOptimized", {{"Value", false}}}})
            .code == "IncorrectInstanceState");
  ec2.ok("StopInstances", {{"InstanceIds", {id}}});
  ec2.advance(sim::kStopDurationMs);
  ec2.ok("ModifyInstanceAttribute", {{"InstanceId", id}, {"EbsOptimized", {{"Value", false}}}});
  CHECK(describe_instance(ec2, id)["EbsOptimized"] == false);
  // The source/destination check is the primary interface's too.
  ec2.ok("ModifyInstanceAttribute", {{"InstanceId", id}, {"SourceDestCheck", {{"Value", false}}}});
  const Json instance = describe_instance(ec2, id);
  CHECK(instance["SourceDestCheck"] == false);
  CHECK(instance["NetworkInterfaces"][0]["SourceDestCheck"] == false);
  const Json eni =
      ec2.ok("DescribeNetworkInterfaces",
             {{"NetworkInterfaceIds", {instance["NetworkInterfaces"][0]["NetworkInterfaceId"]}}});
  CHECK(eni["NetworkInterfaces"][0]["SourceDestCheck"] == false);
  CHECK(ec2.ok("DescribeInstanceAttribute",
               {{"InstanceId", id}, {"Attribute", "sourceDestCheck"}})["SourceDestCheck"] ==
        Json({{"Value", false}}));
}

TEST_CASE("RunInstances from the query form the CLI sends reaches the model intact") {
  Ec2 ec2;
  ec2.ok("CreateSecurityGroup", {{"GroupName", "web"}, {"Description", "d"}});
  // The parameter names of fact sheet §1.2 (boto3 -> wire), UserData already base64.
  const std::string form =
      "Action=RunInstances&Version=2016-11-15&ImageId=" +
      ec2.catalogue_image("al2023-x86_64").str() +
      "&InstanceType=t3.micro&MinCount=1&MaxCount=1&SecurityGroup.1=web"
      "&UserData=aGVsbG8gd29ybGQ%3D&BlockDeviceMapping.1.DeviceName=%2Fdev%2Fsdg"
      "&BlockDeviceMapping.1.Ebs.VolumeSize=4&BlockDeviceMapping.1.Ebs.VolumeType=gp2"
      "&TagSpecification.1.ResourceType=instance&TagSpecification.1.Tag.1.Key=Name"
      "&TagSpecification.1.Tag.1.Value=cli&ClientToken=abc";
  auto parsed = amisim::protocol::parse_query(test::ec2_model(), form);
  REQUIRE(parsed.ok());
  Json out = ec2.ok(parsed.value().action, parsed.value().input);
  const sim::Instance& m = model_instance(ec2, out["Instances"][0]["InstanceId"]);
  CHECK(m.user_data == "hello world");
  CHECK(m.tags.at("Name") == "cli");
  CHECK(m.client_token == "abc");
  REQUIRE(m.block_devices.size() == 2);
  CHECK(m.block_devices[1].device_name == "/dev/sdg");
  const auto& volumes = ec2.world.region_of(ec2.caller).volumes;
  CHECK(volumes.at(m.block_devices[1].volume_id).volume_type == "gp2");
  CHECK(volumes.at(m.block_devices[1].volume_id).size_gib == 4);
  REQUIRE(m.security_groups.size() == 1);
  CHECK(ec2.world.region_of(ec2.caller).security_groups.at(m.security_groups[0]).name == "web");
}

// The instance's view of its interface (InstanceNetworkInterface) is built apart from
// DescribeNetworkInterfaces' (NetworkInterface) for speed: it must stay that interface without
// the members the instance's shape lacks (APIREF InstanceNetworkInterface: no zone, requester
// flag or tags; InstanceNetworkInterfaceAttachment and ...Association: no instance, allocation or
// association IDs), with an address from the pool and with an Elastic IP.
TEST_CASE(
    "An instance's NetworkInterfaces entry is its DescribeNetworkInterfaces entry less "
    "the members InstanceNetworkInterface lacks") {
  Ec2 ec2;
  const std::string id = running(ec2);
  auto expected_view = [&] {
    Json eni =
        ec2.ok("DescribeNetworkInterfaces",
               {{"Filters",
                 {{{"Name", "attachment.instance-id"}, {"Values", {id}}}}}})["NetworkInterfaces"];
    REQUIRE(eni.size() == 1);
    Json n = eni[0];
    for (const char* key : {"AvailabilityZone", "RequesterManaged", "TagSet"}) n.erase(key);
    n["Attachment"].erase("InstanceId");
    n["Attachment"].erase("InstanceOwnerId");
    auto strip = [](Json& j) {
      if (!j.contains("Association")) return;
      j["Association"].erase("AllocationId");
      j["Association"].erase("AssociationId");
    };
    strip(n);
    for (Json& p : n["PrivateIpAddresses"]) strip(p);
    return n;
  };
  Json pooled = describe_instance(ec2, id)["NetworkInterfaces"];
  REQUIRE(pooled.size() == 1);
  CHECK(pooled[0] == expected_view());
  CHECK(pooled[0]["Association"]["IpOwnerId"] == "amazon");

  const std::string allocation = ec2.ok("AllocateAddress")["AllocationId"];
  ec2.ok("AssociateAddress", {{"AllocationId", allocation}, {"InstanceId", id}});
  Json elastic = describe_instance(ec2, id)["NetworkInterfaces"];
  REQUIRE(elastic.size() == 1);
  CHECK(elastic[0] == expected_view());
  CHECK(elastic[0]["Association"]["IpOwnerId"] == ec2.caller.account.str());
  CHECK_FALSE(elastic[0]["Association"].contains("AllocationId"));
}

// APIREF RunInstances PrivateIpAddress: "The primary IPv4 address. You must specify a value from
// the IPv4 address range of the subnet."
TEST_CASE("RunInstances PrivateIpAddress becomes the primary address, inside the subnet only") {
  Ec2 ec2;
  const Json vpc = ec2.ok("CreateVpc", {{"CidrBlock", "10.26.0.0/16"}})["Vpc"];
  const std::string subnet =
      ec2.ok("CreateSubnet", {{"VpcId", vpc["VpcId"]},
                              {"CidrBlock", "10.26.1.0/24"},
                              {"AvailabilityZone", "us-east-1a"}})["Subnet"]["SubnetId"];
  Json in = run_input(ec2);
  in["SubnetId"] = subnet;
  in["PrivateIpAddress"] = "10.26.1.30";
  const std::string id = launch(ec2, in);
  CHECK(describe_instance(ec2, id)["PrivateIpAddress"] == "10.26.1.30");
  in["PrivateIpAddress"] = "10.26.2.30";
  CHECK(ec2.error("RunInstances", in).code == "InvalidParameterValue");
  in["PrivateIpAddress"] = "10.26.1.30";  // taken
  CHECK(ec2.error("RunInstances", in).code == "InvalidIPAddress.InUse");
  // With NetworkInterfaces, the instance-level subnet, groups or address are refused by name.
  Json both = run_input(ec2);
  both["NetworkInterfaces"] = {{{"DeviceIndex", 0}, {"SubnetId", subnet}}};
  both["PrivateIpAddress"] = "10.26.1.31";
  test::WireError e = ec2.error("RunInstances", both);
  CHECK(e.code == "InvalidParameterCombination");
  CHECK(e.message ==
        "Network interfaces and an instance-level private IP address may not be "
        "specified on the same request");
  both.erase("PrivateIpAddress");
  both["SubnetId"] = subnet;
  CHECK(ec2.error("RunInstances", both).message ==
        "Network interfaces and an instance-level subnet ID may not be specified on the same "
        "request");
}

// t1.micro: offered in eight older Regions (moto's DescribeInstanceTypeOfferings data), not in
// eu-central-1, where a launch of it is Unsupported.
TEST_CASE("t1.micro launches where AWS offers it and is Unsupported where it does not") {
  Ec2 ec2;
  Json in = run_input(ec2);
  in["InstanceType"] = "t1.micro";
  const std::string id = launch(ec2, in);
  CHECK(describe_instance(ec2, id)["InstanceType"] == "t1.micro");
  const sim::Caller frankfurt = ec2.in("eu-central-1");
  Json there = {{"ImageId", ec2.catalogue_image("al2023-x86_64", "eu-central-1").str()},
                {"InstanceType", "t1.micro"},
                {"MinCount", 1},
                {"MaxCount", 1}};
  CHECK(ec2.error("RunInstances", there, &frankfurt).code == "Unsupported");
}
