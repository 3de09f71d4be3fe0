# Как диаграмма называет свои собственные узлы.

node-start = Начало
node-invalid-step = Некорректный шаг
step-untagged = { $app }
step-tagged = { $app } ({ $tag })
group-step-count = { $count ->
    [one] { $count } шаг
    [few] { $count } шага
   *[many] { $count } шагов
}
step-invalid = некорректный шаг

## Типы схем, как их называют проблемы

flow-type-default = Без типа
flow-type-voice = Голос
flow-type-chat = Чат
flow-type-processing = Формы
flow-type-service = Сервис

## Какого вида JSON-значение и чего ожидает поле

json-null = null (пусто)
json-boolean = логическое значение
json-number = число
json-string = строка
json-array = массив
json-object = объект
expected-text = текст
expected-boolean = true или false
expected-list = список
expected-one-of = одно из: { $choices }

## Чем значение не подходит полю

shape-converted = ожидается { $expected }, а получено: { $got } (при выполнении значение будет преобразовано)
shape-refused = ожидается { $expected }, а получено: { $got }
shape-not-a-choice = «{ $value }» нет среди допустимых значений: { $choices }

## Переходы, о которых говорят проблемы, и почему шаг не выполняется

jump-goto = goto
jump-limit-failover = переход limit failover
why-break = останавливает схему (break)
why-goto = выполняет переход (goto)

## Проблемы диаграммы ($app — название приложения; $step — шаг, как он назван выше)

problem-start-not-connected = Начало ни с чем не соединено: схема ничего не делает
problem-never-reached = { $step }: шаг никогда не выполняется
problem-never-reached-after = { $step }: шаг никогда не выполняется, потому что предыдущий шаг { $why }
problem-invalid-step = некорректный шаг: шаг должен быть объектом ровно с одним ключом — именем приложения
problem-duplicate-tag = метка «{ $tag }» уже занята шагом { $step }
problem-unknown-app = неизвестное приложение «{ $app }»: оставлено как есть, при выполнении этот шаг пропускается
problem-not-offered = { $app }: недоступно в схемах типа «{ $type }»
problem-required = { $app }: не заполнено обязательное поле { $field }
problem-field-shape = { $app }: поле { $field } — { $shape }
problem-argument-not-object = { $app }: аргумент должен быть объектом, а получено: { $got }
problem-argument-shape = { $app }: аргумент — { $shape }
problem-branch-not-connected = { $app }: к ветке { $branch } ничего не подключено
problem-cross-scope-jump = { $from } переходит к { $to }, но этот шаг находится в другой функции, триггере или обработчике: goto туда не попадёт
problem-goto-not-text = goto: имя метки должно быть строкой, а получено: { $got }
problem-jump-out-of-reach = { $jump } «{ $tag }» не ведёт ни к одному доступному шагу: эта метка находится в другой функции, триггере или обработчике
problem-unknown-tag = { $jump } «{ $tag }» никуда не ведёт: ни у одного шага нет такой метки (шаг удалён?)
problem-endless-loop = бесконечный цикл из { $count ->
    [one] { $count } шага
    [few] { $count } шагов
   *[many] { $count } шагов
}: в нём нет ни ветвления, ни остановки схемы, ни лимита

## Текст схемы, который нельзя проверить как схему

diagnostic-invalid-json = некорректный JSON: { $reason }
diagnostic-too-deep = слишком глубокая вложенность: больше { $limit } уровней
diagnostic-schema-not-array = schema: ожидается JSON-массив шагов, а получено: { $got }
diagnostic-no-schema = не схема: в объекте нет поля «schema»
diagnostic-not-a-flow = не схема: ожидается массив шагов (schema) или объект схемы, а получено: { $got }
diagnostic-unreadable = не удалось прочитать: { $reason }
schema-not-an-array = схема — это JSON-массив шагов, а здесь { $got }
schema-too-deep = схема вложена глубже { $limit ->
    [one] { $limit } уровня
   *[other] { $limit } уровней
} массивов и объектов
