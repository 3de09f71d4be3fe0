# Почему значение, введённое в форме свойств шага, или правка диаграммы не принимается
# (`catalog/form.rs`, `editing/` редактора диаграмм). Ключи приложений, ключи полей и пути
# вроде `case.1` или `files[0]` подставляются как есть.

## Форма свойств: почему введённое значение не принято

# $line и $column считаются с 1; $message — слова самого разборщика JSON, по-английски.
form-invalid-json = строка { $line }, столбец { $column }: { $message }
form-required = обязательное поле
# $typed — то, что введено, в кавычках.
form-not-a-number = { $typed } — не число
# $choices — допустимые значения через запятую.
form-choose-one = выберите одно из значений: { $choices }
# $expected — form-a-list или form-an-object; $got — вид JSON-значения (json-… из flow.ftl).
form-must-be = ожидается { $expected }, а получено: { $got }
form-a-list = список [...]
form-an-object = объект {"{"}...{"}"}
form-not-typed = элементы добавляются и удаляются, а не вводятся
form-name-first = сначала введите имя нового элемента
# $name — имя нового элемента, в кавычках.
form-already-there = { $name } уже есть
form-not-a-list = { $path } — не список
form-gone = { $path } больше нет
form-unknown-app = приложения { $app } нет в каталоге
form-no-field = у приложения { $app } нет поля { $path }
form-on-canvas = редактируется на холсте
form-nothing-to-type = здесь нечего вводить
form-at-least-one = не меньше 1

## Редактор диаграмм: почему связь, вставленный текст или JSON шага не принимается

editing-into-start = в Начало не может вести ни одна связь
editing-port-gone = этого выхода уже нет
editing-branches-would-move = у элементов после него есть связанные ветки: сначала уберите эти связи на холсте
editing-step-not-an-object = шаг — это JSON-объект
editing-not-a-step = свойства есть только у шагов
editing-one-app-key = у шага должен быть ровно один ключ с именем приложения
# $app — приложение шага, $other — введённое; оба в кавычках.
editing-app-stays = приложение шага здесь не меняется и остаётся { $app }: шаг { $other } добавьте из палитры
# $path — где ветка стоит в аргументе шага, например `then` или `case.1`.
editing-branches-on-canvas = { $path }: ветки рисуются на холсте; оставьте здесь этот массив пустым
# $got — вид JSON-значения (json-… из flow.ftl).
editing-paste-not-steps = вставлять можно шаги в виде JSON (шаг или список шагов), а не { $got }
editing-nothing-to-paste = нет шагов для вставки
editing-no-step-selected = шаг не выбран
