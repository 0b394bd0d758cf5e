#include "properties/model_inputs.hpp"

#include <rapidcheck.h>

#include <algorithm>

#include "api/ec2/dispatch.hpp"

namespace test::props {
namespace {

namespace protocol = amisim::protocol;
using Json = nlohmann::json;

Json value_of(const protocol::ServiceModel& m, std::size_t shape_index, const Pool& pool,
              int depth);

Json structure_of(const protocol::ServiceModel& m, const protocol::Shape& shape, const Pool& pool,
                  int depth) {
  Json out = Json::object();
  for (const auto& member : shape.members) {
    const bool required = std::find(shape.required.begin(), shape.required.end(), member.name) !=
                          shape.required.end();
    if (member.name == "DryRun" || (!required && *rc::gen::inRange(0, 3) != 0)) continue;
    out[member.name] = value_of(m, member.shape, pool, depth + 1);
  }
  return out;
}

Json value_of(const protocol::ServiceModel& m, std::size_t shape_index, const Pool& pool,
              int depth) {
  const protocol::Shape& shape = m.shape(shape_index);
  switch (shape.type) {
    case protocol::ShapeType::kStructure:
      return depth > 3 ? Json::object() : structure_of(m, shape, pool, depth);
    case protocol::ShapeType::kList: {
      Json out = Json::array();
      const int n = depth > 3 ? 0 : *rc::gen::inRange(0, 3);
      for (int i = 0; i < n; ++i) out.push_back(value_of(m, shape.item.shape, pool, depth + 1));
      return out;
    }
    case protocol::ShapeType::kInteger:
    case protocol::ShapeType::kLong:
      return *rc::gen::element(-1, 0, 1, 2, 8, 100, 5000);
    case protocol::ShapeType::kDouble:
      return 1.5;
    case protocol::ShapeType::kBoolean:
      return *rc::gen::arbitrary<bool>();
    case protocol::ShapeType::kBlob:
      return "aGk=";
    case protocol::ShapeType::kMap:
      return Json::object();
    case protocol::ShapeType::kTimestamp:
    case protocol::ShapeType::kString:
      break;
  }
  return *rc::gen::elementOf(pool.strings);
}

}  // namespace

Pool::Pool()
    : strings({"",
               "x",
               "gold",
               "us-east-1",
               "eu-west-1",
               "us-east-1a",
               "t3.micro",
               "gp3",
               "/dev/sdf",
               "/dev/xvda",
               "all",
               "add",
               "launchPermission",
               "description",
               "210987654321",
               "self",
               "archive",
               "ami-0123456789abcdef0",
               "i-0123456789abcdef0",
               "vol-0123456789abcdef0",
               "snap-0123456789abcdef0",
               "sg-0123456789abcdef0",
               "lt-0123456789abcdef0",
               "2030-01-01T00:00:00Z",
               "$Latest",
               "1",
               "10.0.0.0/16",
               "10.0.2.0/24",
               "172.31.200.0/24",
               "vpc-0123456789abcdef0",
               "subnet-0123456789abcdef0",
               "eipalloc-0123456789abcdef0",
               "igw-0123456789abcdef0"}) {}

Json random_input(const protocol::ServiceModel& model, const std::string& action,
                  const Pool& pool) {
  const auto* op = model.operation(action);
  if (op->input == protocol::kNoShape) return Json::object();
  return structure_of(model, model.shape(op->input), pool, 0);
}

std::vector<std::string> changing_actions() {
  std::vector<std::string> out;
  for (auto action : amisim::ec2::supported_actions())
    if (amisim::ec2::mutates(action)) out.emplace_back(action);
  return out;
}

const amisim::sim::Caller& us() {
  static const amisim::sim::Caller kUs{};
  return kUs;
}

const amisim::sim::Caller& other() {
  static const amisim::sim::Caller kOther{amisim::sim::AccountId{"210987654321"},
                                          amisim::sim::RegionName{"eu-west-1"}};
  return kOther;
}

void populate(const amisim::sim::World& world, const MustCall& must, Pool& pool) {
  must(other(), "DescribeRegions", Json::object());  // the other account exists from here
  std::string image;
  for (const auto& [id, i] : world.region(us().region)->images)
    if (i.traits.architecture == "x86_64" && i.traits.platform.empty()) image = id.str();
  const Json run =
      must(us(), "RunInstances",
           {{"ImageId", image}, {"InstanceType", "t3.micro"}, {"MinCount", 1}, {"MaxCount", 1}});
  const std::string instance = run["Instances"][0]["InstanceId"];
  const std::string volume =
      must(us(), "CreateVolume", {{"AvailabilityZone", "us-east-1a"}, {"Size", 8}})["VolumeId"];
  const std::string snapshot = must(us(), "CreateSnapshot", {{"VolumeId", volume}})["SnapshotId"];
  const std::string own =
      must(us(), "CreateImage", {{"InstanceId", instance}, {"Name", "gold"}})["ImageId"];
  must(us(), "CreateKeyPair", {{"KeyName", "gold"}});
  const std::string lt =
      must(us(), "CreateLaunchTemplate",
           {{"LaunchTemplateName", "gold"},
            {"LaunchTemplateData", {{"ImageId", image}}}})["LaunchTemplate"]["LaunchTemplateId"];
  // The network (issue 15 section 1): the default VPC, one of the caller's own with a subnet, a
  // detached gateway and an Elastic IP, so the network's actions meet real IDs too.
  const std::string default_vpc = run["Instances"][0]["VpcId"];
  const std::string vpc = must(us(), "CreateVpc", {{"CidrBlock", "10.0.0.0/16"}})["Vpc"]["VpcId"];
  const std::string subnet = must(
      us(), "CreateSubnet", {{"VpcId", vpc}, {"CidrBlock", "10.0.1.0/24"}})["Subnet"]["SubnetId"];
  const std::string igw =
      must(us(), "CreateInternetGateway", Json::object())["InternetGateway"]["InternetGatewayId"];
  const std::string eip = must(us(), "AllocateAddress", Json::object())["AllocationId"];
  for (const std::string& id :
       {image, instance, volume, snapshot, own, lt, default_vpc, vpc, subnet, igw, eip})
    pool.strings.push_back(id);
}

}  // namespace test::props
