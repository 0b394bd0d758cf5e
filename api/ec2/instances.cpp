// Instance handlers: RunInstances, Start/Stop/Terminate/RebootInstances, DescribeInstances,
// DescribeInstanceStatus, Describe/ModifyInstanceAttribute, Describe/ModifyInstanceCredit... Input
// members the model does not simulate (subnets, network interfaces, IAM profiles, ...) are accepted
// and ignored, except where ignoring them would silently answer a different question (unmodelled
// attributes): those are UnsupportedOperation.
#include "sim/instances/instances.hpp"

#include <algorithm>
#include <climits>
#include <string>

#include "api/ec2/input.hpp"
#include "api/ec2/instance_json.hpp"
#include "sim/core/base64.hpp"

namespace amisim::ec2 {
namespace {

// --- RunInstances --------------------------------------------------------------------------

// LaunchTemplate {LaunchTemplateId | LaunchTemplateName, Version}: the model merges the
// version's parameters under the request's (sim/instances/launch_templates.hpp).
std::optional<sim::LaunchTemplateSpecification> launch_template_spec(const Json& in) {
  const Json* lt = object(in, "LaunchTemplate");
  if (lt == nullptr) return std::nullopt;
  return sim::LaunchTemplateSpecification{string_or(*lt, "LaunchTemplateId"),
                                          string_or(*lt, "LaunchTemplateName"),
                                          string_or(*lt, "Version")};
}

// NetworkInterfaces entries (InstanceNetworkInterfaceSpecification): the members the model
// reads; the others are refused by the model when they matter (sim/instances/run.cpp).
std::vector<sim::LaunchInterfaceSpec> interface_specs(const Json& in) {
  std::vector<sim::LaunchInterfaceSpec> out;
  for (const Json* n : objects(in, "NetworkInterfaces")) {
    sim::LaunchInterfaceSpec spec;
    spec.device_index = opt_int32(*n, "DeviceIndex").value_or(0);
    spec.subnet_id = string_or(*n, "SubnetId");
    spec.group_ids = strings(*n, "Groups");
    spec.associate_public_ip = opt_bool(*n, "AssociatePublicIpAddress");
    spec.delete_on_termination = bool_or(*n, "DeleteOnTermination", true);
    spec.private_ip = string_or(*n, "PrivateIpAddress");
    spec.network_interface_id = string_or(*n, "NetworkInterfaceId");
    out.push_back(std::move(spec));
  }
  return out;
}

sim::RunInstancesRequest run_request(const Json& in) {
  sim::RunInstancesRequest r;
  r.launch_template = launch_template_spec(in);
  // ImageId is optional in the model only because a launch template may name the image.
  r.image_id = r.launch_template ? string_or(in, "ImageId") : required_string(in, "ImageId");
  auto min = opt_int32(in, "MinCount");
  auto max = opt_int32(in, "MaxCount");
  if (!min) fail(sim::errors::missing_min_count());
  if (!max) fail(sim::errors::missing_max_count());
  r.min_count = *min;
  r.max_count = *max;
  r.instance_type = string_or(in, "InstanceType", r.instance_type);
  r.key_name = string_or(in, "KeyName");
  r.security_group_ids = strings(in, "SecurityGroupIds");
  r.security_groups = strings(in, "SecurityGroups");
  r.user_data = blob_member(in, "UserData");  // base64 on the wire (fact sheet §1.3, §2.3)
  if (const Json* placement = object(in, "Placement")) {
    if (auto zone = opt_string(*placement, "AvailabilityZone"))
      r.availability_zone = sim::ZoneName(*zone);
  }
  r.subnet_id = string_or(in, "SubnetId");
  r.private_ip = string_or(in, "PrivateIpAddress");
  r.network_interfaces = interface_specs(in);
  r.block_device_mappings = block_device_mappings(in);
  r.tag_specifications = tag_specifications(in);
  r.client_token = string_or(in, "ClientToken");
  if (const Json* credits = object(in, "CreditSpecification"))
    r.cpu_credits = required_string(*credits, "CpuCredits");
  r.disable_api_termination = opt_bool(in, "DisableApiTermination");
  r.disable_api_stop = opt_bool(in, "DisableApiStop");
  r.shutdown_behavior = opt_string(in, "InstanceInitiatedShutdownBehavior");
  r.ebs_optimized = opt_bool(in, "EbsOptimized");
  if (const Json* m = object(in, "MetadataOptions"))
    r.metadata_options = metadata_options_request(*m);
  if (const Json* m = object(in, "Monitoring")) r.monitoring = opt_bool(*m, "Enabled");
  r.dry_run = dry_run(in);
  return r;
}

Json run_instances(sim::World& world, const sim::Caller& caller, const Json& in) {
  sim::RunInstancesResult result = unwrap(sim::run_instances(world, caller, run_request(in)));
  return reservation_json(world, result.reservation_id, result.owner, result.instances);
}

// --- state changes -------------------------------------------------------------------------

Json changes_json(const std::vector<sim::InstanceStateChange>& changes) {
  Json out = Json::array();
  for (const auto& c : changes) {
    out.push_back({{"InstanceId", c.instance_id.str()},
                   {"CurrentState", instance_state_json(c.current)},
                   {"PreviousState", instance_state_json(c.previous)}});
  }
  return out;
}

Json stop_instances(sim::World& world, const sim::Caller& caller, const Json& in) {
  // Hibernate is read (type-checked) and treated as a plain stop: hibernation is not modelled
  // [?]. Force only matters for an instance stuck in stopping, which the model never has.
  (void)opt_bool(in, "Hibernate");
  (void)opt_bool(in, "SkipOsShutdown");
  const bool force = bool_or(in, "Force", false);
  auto changes =
      unwrap(sim::stop_instances(world, caller, strings(in, "InstanceIds"), force, dry_run(in)));
  return {{"StoppingInstances", changes_json(changes)}};
}

Json start_instances(sim::World& world, const sim::Caller& caller, const Json& in) {
  auto changes =
      unwrap(sim::start_instances(world, caller, strings(in, "InstanceIds"), dry_run(in)));
  return {{"StartingInstances", changes_json(changes)}};
}

Json terminate_instances(sim::World& world, const sim::Caller& caller, const Json& in) {
  (void)opt_bool(in, "Force");
  (void)opt_bool(in, "SkipOsShutdown");
  auto changes =
      unwrap(sim::terminate_instances(world, caller, strings(in, "InstanceIds"), dry_run(in)));
  return {{"TerminatingInstances", changes_json(changes)}};
}

Json reboot_instances(sim::World& world, const sim::Caller& caller, const Json& in) {
  unwrap(sim::reboot_instances(world, caller, strings(in, "InstanceIds"), dry_run(in)));
  return Json::object();
}

// --- describe ------------------------------------------------------------------------------

Json describe_instances(sim::World& world, const sim::Caller& caller, const Json& in) {
  sim::DescribeInstancesRequest request{strings(in, "InstanceIds"), filters(in), page(in)};
  auto result = unwrap(sim::describe_instances(world, caller, request));
  Json reservations = Json::array();
  for (const auto& r : result.reservations) {
    reservations.push_back(reservation_json(world, r.reservation_id, r.owner, r.instances));
  }
  Json out = {{"Reservations", std::move(reservations)}};
  put_nonempty(out, "NextToken", result.next_token);
  return out;
}

// InstanceStatusSummary: the model has one check per summary, EC2's "reachability".
Json status_summary_json(const std::string& status) {
  Json out = {{"Status", status}};
  if (status == "not-applicable") return out;
  const char* detail = status == "ok" ? "passed" : "initializing";
  out["Details"] = Json::array({{{"Name", "reachability"}, {"Status", detail}}});
  return out;
}

Json status_json(const sim::InstanceStatus& s) {
  const sim::Instance& i = *s.instance;
  return {{"InstanceId", i.id.str()},
          {"AvailabilityZone", i.zone.str()},
          {"InstanceState", instance_state_json(i.state)},
          {"InstanceStatus", status_summary_json(s.instance_status)},
          {"SystemStatus", status_summary_json(s.system_status)}};
}

Json describe_instance_status(sim::World& world, const sim::Caller& caller, const Json& in) {
  sim::DescribeInstanceStatusRequest request{strings(in, "InstanceIds"), filters(in),
                                             bool_or(in, "IncludeAllInstances", false), page(in)};
  auto result = unwrap(sim::describe_instance_status(world, caller, request));
  Json statuses = Json::array();
  for (const auto& s : result.statuses) statuses.push_back(status_json(s));
  Json out = {{"InstanceStatuses", std::move(statuses)}};
  put_nonempty(out, "NextToken", result.next_token);
  return out;
}

// --- attributes ----------------------------------------------------------------------------

// Attributes the door writes from the instance itself: its security groups.
constexpr std::string_view kFixedAttributes[] = {"groupSet"};

Json fixed_attribute_json(const sim::World& world, const sim::Instance& i,
                          const std::string& attribute) {
  Json out = {{"InstanceId", i.id.str()}};
  if (attribute == "groupSet") out["Groups"] = group_identifiers_json(world, i);
  return out;
}

// Each attribute the model keeps as a flag: its name, its member in DescribeInstanceAttribute and
// ModifyInstanceAttribute, and the request field a change sets.
struct FlagAttribute {
  std::string_view name;
  std::string_view member;
  std::optional<bool> sim::ModifyInstanceAttributeRequest::*field;
};
constexpr FlagAttribute kFlagAttributes[] = {
    {"disableApiTermination", "DisableApiTermination",
     &sim::ModifyInstanceAttributeRequest::disable_api_termination},
    {"disableApiStop", "DisableApiStop", &sim::ModifyInstanceAttributeRequest::disable_api_stop},
    {"ebsOptimized", "EbsOptimized", &sim::ModifyInstanceAttributeRequest::ebs_optimized},
    {"sourceDestCheck", "SourceDestCheck",
     &sim::ModifyInstanceAttributeRequest::source_dest_check}};

const FlagAttribute* flag_attribute(std::string_view name) {
  for (const auto& f : kFlagAttributes) {
    if (f.name == name) return &f;
  }
  return nullptr;
}

Json attribute_json(const sim::World& world, const sim::Caller& caller,
                    const std::string& attribute, const sim::InstanceAttribute& a) {
  Json out = {{"InstanceId", a.instance_id.str()}};
  if (a.instance_type) out["InstanceType"] = {{"Value", *a.instance_type}};
  // No user data is an empty element, <userData/> (an AttributeValue without Value).
  if (a.user_data) {
    out["UserData"] =
        a.user_data->empty() ? Json::object() : Json{{"Value", sim::base64_encode(*a.user_data)}};
  }
  if (a.root_device_name) out["RootDeviceName"] = {{"Value", *a.root_device_name}};
  if (const FlagAttribute* f = flag_attribute(attribute); f && a.flag)
    out[std::string(f->member)] = {{"Value", *a.flag}};
  if (a.value && attribute == "instanceInitiatedShutdownBehavior")
    out["InstanceInitiatedShutdownBehavior"] = {{"Value", *a.value}};
  if (attribute == "blockDeviceMapping") {
    out["BlockDeviceMappings"] = block_devices_json(world, caller.region, a.block_devices);
  }
  return out;
}

Json describe_instance_attribute(sim::World& world, const sim::Caller& caller, const Json& in) {
  const sim::InstanceId id(required_string(in, "InstanceId"));
  const std::string attribute = required_string(in, "Attribute");
  const bool fixed = std::find(std::begin(kFixedAttributes), std::end(kFixedAttributes),
                               attribute) != std::end(kFixedAttributes);
  // A fixed attribute still checks the ID as the model does (Malformed, NotFound).
  auto a = unwrap(
      sim::describe_instance_attribute(world, caller, id, fixed ? "rootDeviceName" : attribute));
  if (fixed) return fixed_attribute_json(world, *sim::find_instance(world, caller, id), attribute);
  return attribute_json(world, caller, attribute, a);
}

// The ModifyInstanceAttribute members the model does not simulate.
constexpr std::string_view kUnmodelledModifyMembers[] = {"Kernel", "Ramdisk", "SriovNetSupport",
                                                         "EnaSupport"};

// The flat form: Attribute=instanceType&Value=t3.large, Attribute=disableApiTermination&
// Value=true, ... For userData the value is base64 as in the structured form [?].
void apply_flat_attribute(const Json& in, sim::ModifyInstanceAttributeRequest& r) {
  auto attribute = opt_string(in, "Attribute");
  if (!attribute) return;
  const FlagAttribute* flag = flag_attribute(*attribute);
  if (!flag && *attribute != "instanceType" && *attribute != "userData" &&
      *attribute != "instanceInitiatedShutdownBehavior")
    fail(sim::errors::attribute_change_not_simulated(*attribute));
  if (member(in, "Value") == nullptr) fail(sim::errors::missing_attribute_value());
  const std::string value = string_or(in, "Value");
  if (flag) {
    if (value != "true" && value != "false")
      fail(protocol::wire_errors::wrong_type("Value", value,
                                             protocol::wire_errors::Expected::kBoolean));
    r.*(flag->field) = value == "true";
  } else if (*attribute == "userData") {
    r.user_data = blob_member(in, "Value");
  } else if (*attribute == "instanceType") {
    r.instance_type = value;
  } else {
    r.shutdown_behavior = value;
  }
}

// An AttributeBooleanValue member: {"Value": true|false}; nullopt when absent.
std::optional<bool> boolean_value(const Json& in, std::string_view key) {
  const Json* value = object(in, key);
  if (value == nullptr) return std::nullopt;
  return bool_or(*value, "Value", false);
}

sim::ModifyInstanceAttributeRequest modify_instance_request(const Json& in) {
  sim::ModifyInstanceAttributeRequest r;
  r.instance_id = sim::InstanceId(required_string(in, "InstanceId"));
  for (std::string_view key : kUnmodelledModifyMembers) {
    if (member(in, key) != nullptr) fail(sim::errors::member_change_not_simulated(key));
  }
  if (const Json* type = object(in, "InstanceType")) r.instance_type = string_or(*type, "Value");
  if (const Json* data = object(in, "UserData")) r.user_data = blob_member(*data, "Value");
  for (const Json* m : objects(in, "BlockDeviceMappings")) {
    const std::string device = required_string(*m, "DeviceName");
    const Json* ebs = object(*m, "Ebs");
    auto keep = ebs ? opt_bool(*ebs, "DeleteOnTermination") : std::nullopt;
    if (keep) r.delete_on_termination.emplace_back(device, *keep);
  }
  for (const auto& f : kFlagAttributes) r.*(f.field) = boolean_value(in, f.member);
  if (const Json* behavior = object(in, "InstanceInitiatedShutdownBehavior"))
    r.shutdown_behavior = string_or(*behavior, "Value");
  r.groups = strings(in, "Groups");  // GroupId.N on the wire
  apply_flat_attribute(in, r);
  r.dry_run = dry_run(in);
  return r;
}

Json modify_instance_attribute(sim::World& world, const sim::Caller& caller, const Json& in) {
  unwrap(sim::modify_instance_attribute(world, caller, modify_instance_request(in)));
  return Json::object();
}

// --- Credit options of burstable instances ---------------------------------------------------

Json describe_instance_credit_specifications(sim::World& world, const sim::Caller& caller,
                                             const Json& in) {
  sim::DescribeCreditsRequest r{strings(in, "InstanceIds"), filters(in), page(in)};
  auto result = unwrap(sim::describe_instance_credit_specifications(world, caller, r));
  Json list = Json::array();
  for (const sim::Instance* i : result.instances)
    list.push_back(
        {{"InstanceId", i->id.str()}, {"CpuCredits", std::string(sim::to_string(i->cpu_credits))}});
  Json out = {{"InstanceCreditSpecifications", std::move(list)}};
  if (!result.next_token.empty()) out["NextToken"] = result.next_token;
  return out;
}

Json modify_instance_credit_specification(sim::World& world, const sim::Caller& caller,
                                          const Json& in) {
  std::vector<sim::CreditChange> changes;
  for (const Json* c : objects(in, "InstanceCreditSpecifications"))
    changes.push_back({required_string(*c, "InstanceId"), string_or(*c, "CpuCredits")});
  if (changes.empty()) fail(sim::errors::missing_parameter("InstanceCreditSpecifications"));
  auto result =
      unwrap(sim::modify_instance_credit_specification(world, caller, changes, dry_run(in)));
  Json ok = Json::array();
  for (const auto& id : result.successful) ok.push_back({{"InstanceId", id}});
  Json failed = Json::array();
  for (const auto& f : result.unsuccessful)
    failed.push_back({{"InstanceId", f.instance_id},
                      {"Error", {{"Code", f.error.name()}, {"Message", f.error.message}}}});
  return {{"SuccessfulInstanceCreditSpecifications", std::move(ok)},
          {"UnsuccessfulInstanceCreditSpecifications", std::move(failed)}};
}

constexpr HandlerEntry kInstanceHandlers[] = {
    {"DescribeInstanceAttribute", describe_instance_attribute, false},
    {"DescribeInstanceCreditSpecifications", describe_instance_credit_specifications, false},
    {"DescribeInstanceStatus", describe_instance_status, false},
    {"DescribeInstances", describe_instances, false},
    {"ModifyInstanceAttribute", modify_instance_attribute, true},
    {"ModifyInstanceCreditSpecification", modify_instance_credit_specification, true},
    {"RebootInstances", reboot_instances, true},
    {"RunInstances", run_instances, true},
    {"StartInstances", start_instances, true},
    {"StopInstances", stop_instances, true},
    {"TerminateInstances", terminate_instances, true},
};

}  // namespace

std::span<const HandlerEntry> instance_handlers() { return kInstanceHandlers; }

}  // namespace amisim::ec2
