// Webitel's own npm client, `webitel-sdk`, against our server: sign in as Webitel's sign-in page
// does, read userinfo, then create, search, read, update, patch, list the versions of and
// delete a flow through the SDK's generated classes. Run by `tests/webitel_sdk.rs`, which
// starts the server and passes:
//   WEBITEL_SDK        the SDK's ES module (tools/node_modules/webitel-sdk/index.mjs)
//   FLOW_STUDIO_API    the API base URL, e.g. http://127.0.0.1:8080/api
//   FLOW_STUDIO_LOGIN  `username@domain`
//   FLOW_STUDIO_PASSWORD
// Exits 0 when every answer is as expected; otherwise prints what was not, and exits 1.

import { pathToFileURL } from 'node:url';

const env = (name) => {
	const value = process.env[name];
	if (!value) throw new Error(`${name} is not set`);
	return value;
};

const check = (holds, what, seen) => {
	if (!holds) {
		throw new Error(`${what}; got ${JSON.stringify(seen)}`);
	}
};

// A 64-bit integer as proto3 JSON writes it (webitel/protos `swagger/api.json`: int64 and
// uint64 fields are strings).
const isInt64 = (value) => typeof value === 'string' && /^-?[0-9]+$/.test(value);

// An axios failure says the status and the body; anything else as it is.
const describe = (error) =>
	error?.response
		? `${error.config?.method?.toUpperCase()} ${error.config?.url} answered ${error.response.status}: ${JSON.stringify(error.response.data)}`
		: (error?.stack ?? String(error));

async function main() {
	const { AuthApi, Configuration, RoutingSchemaServiceApi, SchemaVersionServiceApi } =
		await import(pathToFileURL(env('WEBITEL_SDK')).href);
	const basePath = env('FLOW_STUDIO_API');

	// The SDK has no sign-in call (its AuthApi only signs up): Webitel's sign-in page posts
	// `{username: "user@domain", password}` (webitel/web-client-auth `src/api/auth/auth.ts`).
	const signIn = await fetch(`${basePath}/login`, {
		method: 'POST',
		headers: { 'Content-Type': 'application/json' },
		body: JSON.stringify({
			username: env('FLOW_STUDIO_LOGIN'),
			password: env('FLOW_STUDIO_PASSWORD'),
		}),
	});
	const signedIn = await signIn.json();
	check(signIn.ok && typeof signedIn.access_token === 'string', 'signing in gives a token', signedIn);

	const configuration = new Configuration({ basePath, apiKey: signedIn.access_token });
	const auth = new AuthApi(configuration);
	const flows = new RoutingSchemaServiceApi(configuration);
	const versions = new SchemaVersionServiceApi(configuration);

	// `userInfo2` is the GET of `/userinfo`, `userInfo` its POST: both answer the same.
	const { data: info } = await auth.userInfo2();
	const { data: askedByPost } = await auth.userInfo();
	check(
		JSON.stringify(askedByPost) === JSON.stringify(info),
		'userinfo answers a POST as it answers a GET',
		askedByPost,
	);
	for (const key of ['dc', 'user_id', 'updated_at', 'expires_at']) {
		check(isInt64(info[key]), `userinfo's ${key} is an int64 string`, info);
	}
	check(info.domain === 'main' && info.username === 'admin', 'userinfo names the user', info);
	const schemaScope = info.scope?.find((entry) => entry.class === 'schema');
	check(schemaScope?.access === 'xrwd' && schemaScope.obac === true, 'the admin may do all with flows', info.scope);
	check(
		JSON.stringify(info.permissions.map((permission) => permission.id)) ===
			JSON.stringify(['add', 'read', 'write', 'delete']),
		"userinfo's permissions are Webitel's objects",
		info.permissions,
	);

	const name = 'Made by webitel-sdk';
	const { data: created } = await flows.createRoutingSchema({
		name,
		type: 'voice',
		editor: false,
		schema: [{ answer: '' }],
		payload: {},
		tags: [{ name: 'sdk' }],
	});
	check(isInt64(created.id) && created.name === name && created.type === 'voice', 'create answers the flow', created);
	const id = created.id;

	const { data: found } = await flows.searchRoutingSchema(1, 10, 'made by*', undefined, ['id', 'name', 'tags']);
	check(
		found.items?.length === 1 && found.items[0].id === id && found.items[0].tags?.[0]?.name === 'sdk',
		'search finds the flow',
		found,
	);
	const { data: byName } = await flows.searchRoutingSchema(undefined, undefined, undefined, undefined, undefined, undefined, name);
	check(byName.items?.length === 1 && byName.items[0].id === id, 'search by name finds the flow', byName);

	const { data: read } = await flows.readRoutingSchema(id);
	check(read.id === id && JSON.stringify(read.schema) === '[{"answer":""}]', 'read gives the flow', read);

	const { data: updated } = await flows.updateRoutingSchema(id, {
		name,
		type: 'voice',
		schema: [{ answer: '' }, { hangup: {} }],
		payload: {},
		description: 'updated by the SDK',
		tags: [{ name: 'sdk' }],
	});
	check(updated.description === 'updated by the SDK' && updated.schema.length === 2, 'update changes the flow', updated);

	// As Webitel's engine does, a name the PATCH does not know is ignored, and `note` is one.
	const { data: patched } = await flows.patchRoutingSchema(id, {
		name: 'not named, so kept',
		note: 'patched by the SDK',
		schema: [{ hangup: {} }],
		fields: ['schema', 'note', 'no_such_field'],
	});
	check(patched.name === name && JSON.stringify(patched.schema) === '[{"hangup":{}}]', 'patch applies only the named fields', patched);
	const { data: afterPatch } = await flows.readRoutingSchema(id);
	check(afterPatch.note === 'patched by the SDK', 'the named note is kept', afterPatch);

	const { data: history } = await versions.searchSchemaVersion(id);
	check(
		JSON.stringify(history.items?.map((item) => item.version)) === '["2","1"]' &&
			history.items.every((item) => item.schema_id === id && isInt64(item.id)),
		'the versions are listed, `version` a string',
		history,
	);

	const { data: deleted } = await flows.deleteRoutingSchema(id);
	check(deleted.id === id, 'delete answers the deleted flow', deleted);
	const gone = await flows.readRoutingSchema(id).then(
		(reply) => reply.status,
		(error) => error.response?.status,
	);
	check(gone === 404, 'the deleted flow is gone', gone);
}

try {
	await main();
	console.log('webitel-sdk: every call answered as expected');
} catch (error) {
	console.error(`webitel-sdk: ${describe(error)}`);
	process.exit(1);
}
